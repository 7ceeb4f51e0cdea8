package io.lode.store;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectRanges;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The store a connection hands out: it applies the rules every driver shares (key and range
 * validation, the closed state) before a call reaches the driver, so each driver implements only
 * its storage and every driver rejects bad input the same way. A create that meets an object with
 * exactly its content succeeds ({@link IdempotentCreate}): that is its own earlier attempt.
 */
public final class CheckedObjectStore implements ObjectStore {
    /** The largest range one {@link #getRange} may ask for: the largest Java array. */
    static final long MAX_RANGE_LENGTH = Integer.MAX_VALUE - 8;

    private final ObjectStore driverStore;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();

    public CheckedObjectStore(ObjectStore driverStore, String description) {
        this.driverStore = driverStore;
        this.description = description;
    }

    @Override
    public ObjectBytes get(String key) {
        return open(key).get(key);
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        ObjectStore store = open(key);
        checkRange(offset, length);
        return store.getRange(key, offset, length);
    }

    @Override
    public ObjectRanges openRanges(String key) {
        ObjectRanges ranges = open(key).openRanges(key);
        return new ObjectRanges() {
            @Override
            public MemorySegment read(long offset, long length) {
                ensureOpen();
                checkRange(offset, length);
                return ranges.read(offset, length);
            }

            @Override
            public MemorySegment read(long offset, long length, MemorySegment buffer) {
                ensureOpen();
                checkRange(offset, length);
                return ranges.read(offset, length, buffer);
            }

            @Override
            public void close() {
                ranges.close();
            }
        };
    }

    @Override
    public ObjectStream openStream(String key) {
        return open(key).openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return open(key).head(key);
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        ObjectStore store = open(key);
        Require.nonNull(body, "body");
        Require.nonNull(mode, "mode");
        return mode instanceof PutMode.Create ? IdempotentCreate.put(store, key, body) : store.put(key, body, mode);
    }

    @Override
    public void delete(String key) {
        open(key).delete(key);
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        ensureOpen();
        ObjectKey.checkPrefix(prefix);
        return driverStore.list(prefix, startAfter);
    }

    @Override
    public boolean isValid(Duration timeout) {
        if (closed.get() || timeout == null || timeout.isNegative()) {
            return false;
        }
        try {
            return driverStore.isValid(timeout);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            driverStore.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private ObjectStore open(String key) {
        ensureOpen();
        ObjectKey.check(key);
        return driverStore;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new LodeException(ErrorCode.CLOSED, "the store " + description + " is closed");
        }
    }

    /** Negative, overflowing and unreadably large ranges are rejected the same way on every store. */
    static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new LodeException(ErrorCode.INVALID_PATH,
                    "invalid range: offset " + offset + " and length " + length + " must not be negative");
        }
        if (offset + length < 0) {
            throw new LodeException(ErrorCode.INVALID_PATH,
                    "invalid range: offset " + offset + " + length " + length + " overflows");
        }
        if (length > MAX_RANGE_LENGTH) {
            throw new LodeException(ErrorCode.INVALID_PATH, "invalid range: length " + length
                    + " exceeds " + MAX_RANGE_LENGTH + " bytes; read large objects with openStream");
        }
    }
}
