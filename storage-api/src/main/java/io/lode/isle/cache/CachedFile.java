package io.lode.isle.cache;

import io.lode.core.io.MappedFile;
import io.lode.sst.SstReader;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One SST file of an {@link SstCache} and its state in this process. Every field is guarded by the
 * cache's lock.
 */
final class CachedFile {
    final String id;
    final Path path;
    /** Bytes the file occupies in the directory, counted in the cache's total. */
    long size;
    /** Whether the file at {@link #path} predates its first use in this process (not yet verified). */
    boolean onDisk;
    /** The verified, mapped file; null until the first acquire in this process has loaded it. */
    MappedFile mapping;
    SstReader reader;
    /** Open handles, plus one held by the thread loading the file. */
    int references;
    /** Dropped from the index while referenced: unmapped when the last handle closes. */
    boolean removed;
    /** Set while one thread verifies or downloads the file; the others wait for it. */
    CompletableFuture<Void> loading;

    CachedFile(String id, Path path, long size, boolean onDisk) {
        this.id = id;
        this.path = path;
        this.size = size;
        this.onDisk = onDisk;
    }

    boolean isLoaded() {
        return mapping != null;
    }

    /** Unreferenced and not being loaded: eviction may delete it. */
    boolean isIdle() {
        return references == 0 && loading == null;
    }
}
