package io.lode.spi;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The rules every store applies to keys and prefixes, and the order keys are listed in.
 *
 * <p>A key is a relative, {@code /}-separated path in canonical form, the same on every store so
 * that data can move between them:
 * <ul>
 *   <li>not empty, at most {@value #MAX_KEY_BYTES} bytes in UTF-8, each segment at most
 *       {@value #MAX_SEGMENT_BYTES} bytes;
 *   <li>no leading or trailing {@code /}, no empty segment, no {@code .} or {@code ..} segment;
 *   <li>no backslash, no NUL, no unpaired UTF-16 surrogate;
 *   <li>no segment starting with {@value #RESERVED_SEGMENT_PREFIX}: stores keep their own
 *       bookkeeping files (temporary files, locks) under such names.
 * </ul>
 * A violation is an {@link ErrorCode#INVALID_PATH} error that names the rule.
 *
 * <p>Keys are ordered by their UTF-8 bytes, unsigned, as S3 lists them; this is the order of
 * Unicode code points, which differs from {@link String#compareTo} for characters outside the
 * Basic Multilingual Plane.
 */
public final class ObjectKey {
    /** The longest key, in UTF-8 bytes (S3's limit). */
    public static final int MAX_KEY_BYTES = 1024;
    /** The longest segment, in UTF-8 bytes (the usual file-name limit). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Segments starting with this are reserved for the stores themselves. */
    public static final String RESERVED_SEGMENT_PREFIX = ".lode-";

    /** Keys in listing order: UTF-8 bytes compared unsigned, which is code point order. */
    public static final Comparator<String> ORDER = ObjectKey::compare;

    private ObjectKey() {}

    /** Returns {@code key} if it is a valid key, else throws {@code INVALID_PATH}. */
    public static String check(String key) {
        if (key == null) {
            throw invalid("null", "a key is required");
        }
        if (key.isEmpty()) {
            throw invalid(key, "a key must not be empty");
        }
        if (key.endsWith("/")) {
            throw invalid(key, "a key must not end with '/' (that is a prefix, not an object)");
        }
        checkPath(key, key, true);
        return key;
    }

    /**
     * Returns {@code prefix} if it is a valid listing prefix, else throws {@code INVALID_PATH}. The
     * empty prefix lists everything; a prefix is a string prefix, so {@code a/b} matches
     * {@code a/bc/x} and {@code a/b/} does not.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw invalid("null", "a prefix is required (use \"\" for everything)");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        // Every segment but the last is complete and must be valid; the last may be any beginning
        // of a segment (".." there matches "..x"), so only its characters are checked.
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash >= 0) {
            checkPath(prefix, prefix.substring(0, lastSlash), true);
        }
        checkPath(prefix, prefix.substring(lastSlash + 1), false);
        return prefix;
    }

    /** Compares two keys in listing order. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, so they must sort
                // after every other UTF-16 unit, including 0xE000-0xFFFF.
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static void checkPath(String whole, String path, boolean completeSegments) {
        if (path.startsWith("/")) {
            throw invalid(whole, "keys are relative: remove the leading '/'");
        }
        int utf8 = 0;
        int segmentStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c == '/') {
                String segment = path.substring(segmentStart, i);
                if (completeSegments || i < path.length()) {
                    checkSegment(whole, segment);
                } else if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                    throw invalid(whole, "a segment is longer than " + MAX_SEGMENT_BYTES + " UTF-8 bytes");
                }
                segmentStart = i + 1;
                utf8++;
                continue;
            }
            if (c == 0) {
                throw invalid(whole, "a key must not contain NUL");
            }
            if (c == '\\') {
                throw invalid(whole, "a key must not contain '\\' (use '/' to separate segments)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= path.length() || !Character.isLowSurrogate(path.charAt(i + 1))) {
                    throw invalid(whole, "a key must be valid Unicode (unpaired surrogate at index " + i + ")");
                }
                i++;
                utf8 += 4;
            } else if (Character.isLowSurrogate(c)) {
                throw invalid(whole, "a key must be valid Unicode (unpaired surrogate at index " + i + ")");
            } else {
                utf8 += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        if (utf8 - 1 > MAX_KEY_BYTES) { // the loop counted one '/' past the end
            throw invalid(whole, "a key is longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
    }

    private static void checkSegment(String whole, String segment) {
        if (segment.isEmpty()) {
            throw invalid(whole, "a key must not contain an empty segment ('//')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid(whole, "a key must not contain '.' or '..' segments (keys cannot leave the store's root)");
        }
        if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) {
            throw invalid(whole, "segments starting with '" + RESERVED_SEGMENT_PREFIX + "' are reserved for the store");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw invalid(whole, "a segment is longer than " + MAX_SEGMENT_BYTES + " UTF-8 bytes");
        }
    }

    private static LodeException invalid(String key, String rule) {
        return new LodeException(ErrorCode.INVALID_PATH, "invalid key '" + printable(key) + "': " + rule);
    }

    /** The key as it can be shown in a message: control characters escaped, long keys shortened. */
    static String printable(String key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length() && b.length() < 200; i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= 200) {
            b.append("...");
        }
        return b.toString();
    }
}
