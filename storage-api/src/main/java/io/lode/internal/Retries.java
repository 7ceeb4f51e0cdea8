package io.lode.isle.manifest;

import io.lode.ErrorCode;
import io.lode.LodeException;

/**
 * Retrying of one idempotent request (a read, a delete, a {@code HEAD}) through transient failures
 * ({@link LodeException#retryable()}), with a short exponential back-off. The manifest log and the
 * garbage collector use it for every request whose repetition cannot change the outcome; a
 * create-only commit is not one of them, and {@link ManifestLog} retries that itself.
 */
public final class Retries {
    /** How often a transient failure of one request is retried before the call gives up. */
    static final int ATTEMPTS = 6;

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

    /** Waits before attempt {@code attempt + 1}: 5 ms, doubling, at most 200 ms. */
    static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodeException(ErrorCode.IO, "interrupted while retrying a manifest request", e, true);
        }
    }
}
