package io.lode.core.s3;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A successful S3 response.
 *
 * @param status the HTTP status
 * @param headers the response headers, names in lower case
 * @param body the response body (empty for HEAD, PUT, DELETE)
 */
public record S3Response(int status, Map<String, String> headers, byte[] body) {
    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The object's etag as S3 sent it (quoted). */
    public String etag() {
        return header("etag");
    }

    /** The size of the whole object: from Content-Range for a ranged GET, else Content-Length. */
    public long objectSize() {
        String range = header("content-range");
        if (range != null && range.lastIndexOf('/') > 0) {
            String total = range.substring(range.lastIndexOf('/') + 1).trim();
            if (!total.equals("*")) {
                return Long.parseLong(total);
            }
        }
        String length = header("content-length");
        return length == null ? body.length : Long.parseLong(length.trim());
    }

    /** When the object was last modified, or the epoch if the service did not say. */
    public Instant lastModified() {
        String v = header("last-modified");
        if (v == null) {
            return Instant.EPOCH;
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
