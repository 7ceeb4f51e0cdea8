package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The {@code crc32c} property that ends every JSON object Lode writes as metadata
 * (docs/rfcs/0002-manifest-checksums.md): the CRC-32C, as 8 lowercase hex digits, of every byte of
 * the document before the property's name. CRC-32C detects every change of up to 32 consecutive
 * bits for certain, so one damaged byte or character can never pass; the property is the last one,
 * so the covered bytes are the document as it was before the property was added.
 */
public final class ContentChecksum {
    /** The property's name. Go's {@code encoding/json} ignores it, so manifests stay readable there. */
    public static final String FIELD = "crc32c";

    private static final byte[] QUOTED_FIELD = ("\"" + FIELD + "\"").getBytes(StandardCharsets.US_ASCII);

    private ContentChecksum() {}

    /**
     * Appends the property to a JSON object written compactly ({@code ...}}) or as Go's
     * {@code MarshalIndent} writes it ({@code ...\n}}), in the same layout.
     */
    public static byte[] seal(byte[] json) {
        int end = json.length - 1;
        if (end < 1 || json[end] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        boolean indented = json[end - 1] == '\n';
        int bodyEnd = indented ? end - 1 : end;
        boolean empty = json[bodyEnd - 1] == '{';
        String lead = (empty ? "" : ",") + (indented ? "\n  " : "");
        String tail = ":" + (indented ? " " : "") + "\"%s\"" + (indented ? "\n}" : "}");
        byte[] covered = concat(Arrays.copyOf(json, bodyEnd), (lead + "\"" + FIELD + "\"").getBytes(StandardCharsets.US_ASCII));
        int nameAt = covered.length - QUOTED_FIELD.length;
        String value = hex(crc(covered, nameAt));
        return concat(covered, tail.formatted(value).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Checks the property of a parsed document against its bytes.
     *
     * @return whether the document carries the property (objects written before it existed do not)
     * @throws LodeException {@code CORRUPTION} naming the object when the bytes do not match
     */
    static boolean verify(byte[] json, Object value, String source) {
        if (value == null) {
            return false;
        }
        int nameAt = lastIndexOf(json, QUOTED_FIELD);
        if (!(value instanceof String recorded) || nameAt < 0) {
            throw damaged(source, "its " + FIELD + " is not a string of 8 hex digits");
        }
        String actual = hex(crc(json, nameAt));
        if (!actual.equals(recorded)) {
            throw damaged(source, "its content has CRC-32C " + actual + " but the object records " + recorded);
        }
        return true;
    }

    private static LodeException damaged(String source, String why) {
        return new LodeException(ErrorCode.CORRUPTION, source + " fails its checksum: " + why
                + ". The object was damaged after it was written; restore it from a replica or backup, or remove it"
                + " if the format documents allow (docs/rfcs/0002-manifest-checksums.md)");
    }

    private static int crc(byte[] b, int length) {
        CRC32C c = new CRC32C();
        c.update(b, 0, length);
        return (int) c.getValue();
    }

    private static String hex(int crc) {
        return HexFormat.of().toHexDigits(crc);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
