package io.lode;

import java.util.Objects;

/**
 * The one exception Lode throws for anything that goes wrong: bad input, missing data, conflicts,
 * corruption and storage failures. Switch on {@link #code()}; {@link #retryable()} says whether the
 * same call may succeed if simply tried again.
 */
public class LodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean retryable;

    public LodeException(ErrorCode code, String message) {
        this(code, message, null, code.retryableByDefault());
    }

    public LodeException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, code.retryableByDefault());
    }

    public LodeException(ErrorCode code, String message, Throwable cause, boolean retryable) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.retryable = retryable;
    }

    /** What went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** Whether the same call may succeed if tried again unchanged. */
    public boolean retryable() {
        return retryable;
    }

    @Override
    public String toString() {
        return "LodeException[" + code + (retryable ? ", retryable" : "") + "]: " + getMessage();
    }
}
