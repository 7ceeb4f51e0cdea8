package io.lode.isle;

import io.lode.ErrorCode;
import io.lode.LodeException;

/**
 * A writer closed without committing all it was given: the writes numbered
 * {@link #firstSequence()} to {@link #lastSequence()} are not durable and never will be (a new
 * writer does not see them). Its {@link #code()} is that of the failure that stopped the last
 * flush; re-send those writes through a new writer.
 */
public final class UncommittedWritesException extends LodeException {
    private static final long serialVersionUID = 1L;

    private final long firstSequence;
    private final long lastSequence;

    public UncommittedWritesException(ErrorCode code, long firstSequence, long lastSequence, Throwable cause) {
        super(code, "the writer closed without committing the writes numbered " + firstSequence + " to " + lastSequence
                + ": re-send them through a new writer" + (cause == null ? "" : " (the last flush failed: " + cause.getMessage() + ")"),
                cause, false);
        this.firstSequence = firstSequence;
        this.lastSequence = lastSequence;
    }

    /** The lowest sequence number that was not committed. */
    public long firstSequence() {
        return firstSequence;
    }

    /** The highest sequence number that was not committed. */
    public long lastSequence() {
        return lastSequence;
    }
}
