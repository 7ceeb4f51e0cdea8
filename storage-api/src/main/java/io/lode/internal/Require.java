package io.lode.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;

/** Argument checks that fail with {@link ErrorCode#INVALID_ARGUMENT}, never a NullPointerException. */
public final class Require {
    private Require() {}

    public static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
        }
        return value;
    }

    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
