package io.lode.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Independent store requests issued at once, so that n of them cost about one round trip instead
 * of n: opening a reader's tables, reading a log's entries. Each runs on its own virtual thread
 * (a request mostly waits), at most {@link #PARALLELISM} at a time unless told.
 */
public final class ParallelRequests {
    /**
     * Requests in flight at most, per call, by default: a hundred tables or log entries cost one
     * round trip, and S3 serves thousands of GETs a second per prefix.
     */
    public static final int PARALLELISM = 128;

    private ParallelRequests() {}

    /**
     * {@code request} applied to every item, in parallel; the results in the items' order. Waits for
     * every request, then throws the first failure (in item order) with the others suppressed.
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> request) {
        return map(items, PARALLELISM, request);
    }

    /**
     * {@link #map(List, Function)} with at most {@code parallelism} requests in flight: for requests
     * whose responses are large, so that what is in flight at once stays within a byte budget.
     */
    public static <T, R> List<R> map(List<T> items, int parallelism, Function<? super T, ? extends R> request) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " < 1");
        }
        int n = items.size();
        List<R> results = new ArrayList<>(n);
        if (n <= 1) {
            for (T item : items) {
                results.add(request.apply(item));
            }
            return results;
        }
        Object[] outcomes = new Object[n];
        Throwable[] failures = new Throwable[n];
        Semaphore permits = new Semaphore(parallelism);
        Thread[] threads = new Thread[n];
        try {
            for (int i = 0; i < n; i++) {
                permits.acquire();
                int index = i;
                threads[i] = Thread.ofVirtual().name("lode-request").start(() -> {
                    try {
                        outcomes[index] = request.apply(items.get(index));
                    } catch (Throwable t) {
                        failures[index] = t;
                    } finally {
                        permits.release();
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodeException(ErrorCode.IO, "interrupted while waiting for " + n + " requests", e, true);
        }
        Throwable first = null;
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                if (first == null) {
                    first = failures[i];
                } else {
                    first.addSuppressed(failures[i]);
                }
            }
            @SuppressWarnings("unchecked")
            R r = (R) outcomes[i];
            results.add(r);
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) { // a checked exception thrown sneakily: still never dropped
            throw new LodeException(ErrorCode.IO, "a request failed: " + first, first, false);
        }
        return results;
    }
}
