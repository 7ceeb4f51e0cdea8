package io.lode.store.mem;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectStore;
import io.lode.spi.StoreDriver;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code lode:mem:<name>}: an in-memory store, shared by name within the JVM. Every connection to
 * the same name sees the same objects, and they live as long as the JVM (or until deleted): a
 * store for tests, examples and caches, not for data that must survive a restart.
 */
public final class MemoryStoreDriver implements StoreDriver {
    private static final ConcurrentHashMap<String, MemoryObjects> STORES = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "mem";
    }

    @Override
    public ObjectStore open(URI uri, Properties properties) {
        if (!uri.isOpaque() || uri.getSchemeSpecificPart() == null || uri.getSchemeSpecificPart().isEmpty()
                || uri.getRawFragment() != null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT,
                    "malformed memory store URL 'lode:" + uri + "': expected lode:mem:<name>, e.g. lode:mem:test");
        }
        String name = uri.getSchemeSpecificPart();
        return new MemoryObjectStore(STORES.computeIfAbsent(name, n -> new MemoryObjects()));
    }
}
