package io.lode.spi;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A store wrapper for tests: counts requests by operation and can make one request fail, either
 * before it reaches the store or after it took effect ("succeeded but reported failure").
 */
public final class InstrumentedStore extends ForwardingObjectStore {
    /** When an injected failure strikes. */
    public enum Fault { BEFORE, AFTER }

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long failAt = -1;
    private volatile Fault fault;

    public InstrumentedStore(ObjectStore store) {
        super(store);
    }

    /** Makes request number {@code n} (counting from the next one, 1-based) fail, non-retryably. */
    public void failRequest(long n, Fault when) {
        fault = when;
        failAt = requests.get() + n;
    }

    /** Cancels an injected failure that has not struck yet. */
    public void disarm() {
        failAt = -1;
    }

    public int count(String operation) {
        AtomicInteger c = counts.get(operation);
        return c == null ? 0 : c.get();
    }

    public long total() {
        return requests.get();
    }

    public void reset() {
        counts.clear();
    }

    @Override
    protected <T> T forward(Operation op, String keyOrPrefix, Supplier<T> request) {
        String operation = op.label();
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        long n = requests.incrementAndGet();
        if (n == failAt) {
            if (fault == Fault.BEFORE) {
                throw new LodeException(ErrorCode.IO, "injected failure before " + operation, null, false);
            }
            request.get();
            throw new LodeException(ErrorCode.IO, "injected failure after " + operation + " took effect", null, false);
        }
        return request.get();
    }
}
