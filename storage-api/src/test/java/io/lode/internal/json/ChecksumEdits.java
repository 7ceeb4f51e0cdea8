package io.lode.internal.json;

/**
 * Edits of checksummed JSON for tests: the bytes without the {@code crc32c} property (what Lode for
 * Go writes, or an object from before checksums), and an edited object sealed again, as a newer
 * Lode that wrote a different object would have sealed it.
 */
public final class ChecksumEdits {
    private ChecksumEdits() {}

    /** {@code json} without its trailing {@code crc32c} property, in the same layout. */
    public static String withoutChecksum(String json) {
        int name = json.lastIndexOf("\"" + ContentChecksum.FIELD + "\"");
        if (name < 0) {
            throw new IllegalArgumentException("no checksum in " + json);
        }
        String body = json.substring(0, name).stripTrailing();
        if (body.endsWith(",")) {
            body = body.substring(0, body.length() - 1);
        }
        return body + (json.endsWith("\n}") ? "\n}" : "}");
    }

    /** {@code edited}, its old checksum removed, sealed with the checksum of its new content. */
    public static String resealed(String edited) {
        byte[] bare = withoutChecksum(edited).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new String(ContentChecksum.seal(bare), java.nio.charset.StandardCharsets.UTF_8);
    }
}
