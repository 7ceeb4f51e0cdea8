package io.lode.snapshot;

import io.lode.ErrorCode;
import io.lode.LodeException;

/** Dataset, volume and snapshot ids become one segment of a store key; these are the rules. */
public final class PathSegment {
    private PathSegment() {}

    /** Whether {@code s} can be one path segment: not empty, no {@code /} or {@code \}, not {@code .} or {@code ..}. */
    public static boolean isValid(String s) {
        return s != null && !s.isEmpty() && !s.contains("/") && !s.contains("\\") && !s.equals(".") && !s.equals("..");
    }

    /** Returns {@code s}, or fails with {@code INVALID_ARGUMENT} naming {@code what}. */
    public static String check(String s, String what) {
        if (!isValid(s)) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " '" + s + "' must be one non-empty path segment (no '/', not '.' or '..')");
        }
        return s;
    }
}
