package io.lode.spi;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store wrapper for tests: counts requests by operation and can make one request fail, either
 * before it reaches the store or after it took effect ("succeeded but reported failure").
 */
public final class InstrumentedStore implements ObjectStore {
    /** When an injected failure strikes. */
    public enum Fault { BEFORE, AFTER }

    private final ObjectStore store;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile long failAt = -1;
    private volatile Fault fault;

    public InstrumentedStore(ObjectStore store) {
        this.store = store;
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

    private <T> T call(String operation, Supplier<T> request) {
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

    @Override
    public ObjectBytes get(String key) {
        return call("get", () -> store.get(key));
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        return call("getRange", () -> store.getRange(key, offset, length));
    }

    @Override
    public ObjectStream openStream(String key) {
        return call("openStream", () -> store.openStream(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return call("head", () -> store.head(key));
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        return call("put", () -> store.put(key, body, mode));
    }

    @Override
    public void delete(String key) {
        call("delete", () -> {
            store.delete(key);
            return null;
        });
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        return call("list", () -> store.list(prefix, startAfter));
    }

    @Override
    public boolean isValid(Duration timeout) {
        return store.isValid(timeout);
    }

    @Override
    public void close() {
        store.close();
    }
}
