package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectBody;
import io.lode.spi.ForwardingObjectStore;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store wrapper for tests that fails puts (and optionally deletes) to keys containing a substring,
 * whichever thread makes them, and records the deletes it sees: fault injection by path, to fail one step of a commit.
 */
public final class PathFaultStore extends ForwardingObjectStore {
    private volatile String failPutsContaining;
    private volatile boolean failDeletes;
    private final List<String> deletes = new CopyOnWriteArrayList<>();

    public PathFaultStore(ObjectStore store) {
        super(store);
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
        return delegate.put(key, body, mode);
    }

    @Override
    public void delete(String key) {
        deletes.add(key);
        if (failDeletes) {
            throw new LodeException(ErrorCode.IO, "injected delete failure on " + key, null, false);
        }
        delegate.delete(key);
    }
}
