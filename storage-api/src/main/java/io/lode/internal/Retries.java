package io.lode.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retrying of one request whose repetition cannot change its outcome (a read, a delete, a
 * {@code HEAD}, a create-only put, which recognises its own object) through transient failures
 * ({@link LodeException#retryable()}), with exponential back-off and full jitter, so that many
 * clients failing at once do not retry in step. Requests whose repetition could change the outcome
 * (a compare-and-swap) are retried by their callers, who read back what happened first.
 */
public final class Retries {
    /** How often a transient failure of one request is tried in all before the call gives up. */
    public static final int ATTEMPTS = 6;
    /** The longest wait between two attempts. */
    private static final long MAX_BACKOFF_MILLIS = 400;

    private Retries() {}

    /**
     * One request.
     *
     * @param <T> what it returns
     */
    public interface Call<T> {
        /** Makes the request. */
        T run();
    }

    /** Runs a read (or another idempotent request), retrying transient failures. */
    public static <T> T retried(Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (LodeException e) {
                if (!e.retryable() || attempt + 1 >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** Runs an idempotent request that returns nothing, retrying transient failures. */
    public static void retried(Runnable call) {
        retried(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Waits before attempt {@code attempt + 1}: a random time up to 10 ms doubled {@code attempt}
     * times, at most {@value #MAX_BACKOFF_MILLIS} ms.
     */
    public static void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, 10L << Math.min(attempt, 16));
        try {
            Thread.sleep(1 + ThreadLocalRandom.current().nextLong(ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodeException(ErrorCode.IO, "interrupted while waiting to retry a storage request", e, true);
        }
    }
}
