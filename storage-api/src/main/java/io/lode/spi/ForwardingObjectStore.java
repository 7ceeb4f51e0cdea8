package io.lode.spi;

import io.lode.internal.Require;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A store that passes every call to another, for wrappers that add something around a store:
 * metrics, latency, caching, fault injection. Every operation goes through {@link #forward}, so a
 * wrapper that treats all operations alike overrides that one method; one that changes a single
 * operation overrides just that operation's method.
 */
public abstract class ForwardingObjectStore implements ObjectStore {
    /** The operations of {@link ObjectStore}, as {@link #forward} names them. */
    public enum Operation {
        GET("get"), GET_RANGE("getRange"), OPEN_STREAM("openStream"), HEAD("head"), PUT("put"), DELETE("delete"),
        LIST("list");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        /** The method's name. */
        public String label() {
            return label;
        }
    }

    /** The store calls go to. */
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Require.nonNull(delegate, "delegate");
    }

    /**
     * Runs one call to the delegate; override to act around every operation.
     *
     * @param operation which operation
     * @param keyOrPrefix its key (the prefix for {@link Operation#LIST})
     * @param call the call to the delegate
     */
    protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
        return call.get();
    }

    @Override
    public ObjectBytes get(String key) {
        return forward(Operation.GET, key, () -> delegate.get(key));
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        return forward(Operation.GET_RANGE, key, () -> delegate.getRange(key, offset, length));
    }

    @Override
    public ObjectStream openStream(String key) {
        return forward(Operation.OPEN_STREAM, key, () -> delegate.openStream(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return forward(Operation.HEAD, key, () -> delegate.head(key));
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        return forward(Operation.PUT, key, () -> delegate.put(key, body, mode));
    }

    @Override
    public void delete(String key) {
        forward(Operation.DELETE, key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        return forward(Operation.LIST, prefix, () -> delegate.list(prefix, startAfter));
    }

    @Override
    public boolean isValid(Duration timeout) {
        return delegate.isValid(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
