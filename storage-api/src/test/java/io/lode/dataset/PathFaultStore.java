package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A store wrapper for tests that fails puts (and optionally deletes) to keys containing a substring,
 * whichever thread makes them, and records the deletes it sees: spec §4 G's fault injection by path.
 */
public final class PathFaultStore implements ObjectStore {
    private final ObjectStore store;
    private volatile String failPutsContaining;
    private volatile boolean failDeletes;
    private final List<String> deletes = new CopyOnWriteArrayList<>();

    public PathFaultStore(ObjectStore store) {
        this.store = store;
    }

    /** Puts to keys containing {@code part} fail from now on; null stops that. */
    public void failPuts(String part) {
        failPutsContaining = part;
    }

    public void failDeletes(boolean fail) {
        failDeletes = fail;
    }

    /** The keys deletes were attempted on. */
    public List<String> deletes() {
        return deletes;
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        String part = failPutsContaining;
        if (part != null && key.contains(part)) {
            throw new LodeException(ErrorCode.IO, "injected put failure on " + key, null, false);
        }
        return store.put(key, body, mode);
    }

    @Override
    public void delete(String key) {
        deletes.add(key);
        if (failDeletes) {
            throw new LodeException(ErrorCode.IO, "injected delete failure on " + key, null, false);
        }
        store.delete(key);
    }

    @Override
    public ObjectBytes get(String key) {
        return store.get(key);
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        return store.getRange(key, offset, length);
    }

    @Override
    public ObjectStream openStream(String key) {
        return store.openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return store.head(key);
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        return store.list(prefix, startAfter);
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
