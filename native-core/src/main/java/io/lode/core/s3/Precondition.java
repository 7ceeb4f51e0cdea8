package io.lode.core.s3;

/**
 * The condition a PUT is made on, as S3 expresses it in a request header.
 *
 * @param header the header name, or null for none
 * @param value the header's value
 */
public record Precondition(String header, String value) {
    private static final Precondition NONE = new Precondition(null, null);
    private static final Precondition ABSENT = new Precondition("If-None-Match", "*");

    /** Unconditional. */
    public static Precondition none() {
        return NONE;
    }

    /** Only if no object has the key ({@code If-None-Match: *}); 412 otherwise. */
    public static Precondition absent() {
        return ABSENT;
    }

    /** Only if the current object has this etag ({@code If-Match}); 412 otherwise, 404 if missing. */
    public static Precondition matching(String etag) {
        return new Precondition("If-Match", etag);
    }
}
