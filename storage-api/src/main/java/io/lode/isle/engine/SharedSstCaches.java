package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.cache.SstCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link SstCache} per cache directory in this JVM, shared by every reader that names it and
 * closed with the last of them: two caches over one directory would each count and evict the
 * other's files.
 */
final class SharedSstCaches {
    private record Entry(SstCache cache, int users) {}

    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private SharedSstCaches() {}

    /** The cache of {@code directory}; the first reader's budgets size it. */
    static synchronized SstCache acquire(Path directory, long maxBytes, long blockCacheBytes) {
        Path key = canonical(directory);
        Entry e = OPEN.get(key);
        if (e == null) {
            e = new Entry(SstCache.open(directory, maxBytes, blockCacheBytes), 0);
        }
        OPEN.put(key, new Entry(e.cache(), e.users() + 1));
        return e.cache();
    }

    static synchronized void release(SstCache cache) {
        for (Map.Entry<Path, Entry> e : OPEN.entrySet()) {
            if (e.getValue().cache() == cache) {
                if (e.getValue().users() <= 1) {
                    OPEN.remove(e.getKey());
                    cache.close();
                } else {
                    e.setValue(new Entry(cache, e.getValue().users() - 1));
                }
                return;
            }
        }
    }

    private static Path canonical(Path directory) {
        try {
            Files.createDirectories(directory);
            return directory.toRealPath();
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot use the cache directory " + directory + ": " + e.getMessage(), e);
        }
    }
}
