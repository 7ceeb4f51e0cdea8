package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.io.MappedFile;
import io.lode.internal.Require;
import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.sst.BlockCache;
import io.lode.sst.SstReader;
import io.lode.sst.SstSource;
import io.lode.sst.format.SstCorruptionException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reader's local directory of downloaded SSTs ({@code cacheDir}): each table is downloaded once,
 * verified against the checksum its manifest records, mapped, and kept until the directory outgrows
 * its byte budget, then the least recently used unreferenced file is deleted.
 *
 * <p>The directory survives a restart: {@link #open} indexes the files already there, and a file is
 * verified against its {@link SstMeta#checksum()} the first time it is used in the new process, so a
 * warm restart downloads nothing while a damaged file is deleted and downloaded again. A file is named
 * by its SST id (ids are never reused, so a name always means the same bytes); downloads in progress
 * use a name starting with {@value #DOWNLOAD_PREFIX}, and anything starting with {@code .} is never an
 * SST. The layout is described in {@code docs/isle-format.md}. One cache per directory at a time.
 *
 * <p>Thread-safe. Concurrent acquires of one SST download it once. Eviction never unmaps a file that a
 * {@link CachedSst} still references; an SST larger than the whole budget is still served, and goes
 * as soon as it is released.
 */
public final class SstCache implements AutoCloseable {
    /** The name prefix of a download in progress; such files left by a crash are removed by {@link #open}. */
    public static final String DOWNLOAD_PREFIX = ".download-";

    private final Path directory;
    private final long maxBytes;
    /** Decompressed blocks of the mapped tables, shared by every reader of this directory. */
    private final BlockCache blocks;
    private final AtomicLong tableIds = new AtomicLong();
    /** All files by SST id, least recently used first. Guarded by {@code this}. */
    private final LinkedHashMap<String, CachedFile> files = new LinkedHashMap<>(64, 0.75f, true);
    private final AtomicInteger downloads = new AtomicInteger();
    private long cachedBytes;
    private boolean closed;

    private SstCache(Path directory, long maxBytes, BlockCache blocks) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.blocks = blocks;
    }

    /** {@link #open(Path, long, long)} without a block cache: for files read once through (compaction). */
    public static SstCache open(Path directory, long maxBytes) {
        return open(directory, maxBytes, 0);
    }

    /**
     * Opens the cache in {@code directory}, creating it if missing, indexing the SSTs already there
     * (oldest first in the eviction order) and removing downloads a crash left behind.
     *
     * @param maxBytes the byte budget of the files kept once unreferenced
     * @param blockCacheBytes the budget of the {@link OffHeapBlockCache} that keeps decompressed
     *     blocks of compressed tables (0 for none: such blocks are decompressed on every read)
     * @throws LodeException {@code INVALID_ARGUMENT} for a negative budget, {@code IO} if the directory
     *     cannot be created or read
     */
    public static SstCache open(Path directory, long maxBytes, long blockCacheBytes) {
        Require.nonNull(directory, "directory");
        Require.argument(maxBytes >= 0, "the SST cache size must not be negative, got " + maxBytes);
        BlockCache blocks = blockCacheBytes == 0 ? BlockCache.NONE : new OffHeapBlockCache(blockCacheBytes);
        SstCache cache = new SstCache(directory, maxBytes, blocks);
        try {
            Files.createDirectories(directory);
            cache.indexExistingFiles();
        } catch (IOException | UncheckedIOException e) {
            throw new LodeException(ErrorCode.IO, "cannot open the SST cache in " + directory + ": " + e.getMessage(), e);
        }
        synchronized (cache) {
            cache.evictOverBudget();
        }
        return cache;
    }

    private void indexExistingFiles() throws IOException {
        record Existing(Path path, BasicFileAttributes attributes) {}
        List<Existing> existing = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path path : entries) {
                String name = path.getFileName().toString();
                if (name.startsWith(DOWNLOAD_PREFIX)) {
                    Files.deleteIfExists(path);
                    continue;
                }
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (!name.startsWith(".") && attributes.isRegularFile()) {
                    existing.add(new Existing(path, attributes));
                }
            }
        }
        // Without a record of the last use, the time a file was written is the best recency we have.
        existing.sort(Comparator.comparing(e -> e.attributes().lastModifiedTime()));
        for (Existing e : existing) {
            String id = e.path().getFileName().toString();
            files.put(id, new CachedFile(id, e.path(), e.attributes().size(), true));
            cachedBytes += e.attributes().size();
        }
    }

    /**
     * The SST {@code meta} describes, stored in {@code store} under {@code objectKey}: mapped and
     * verified, downloaded first unless a verified copy is already here. Close the handle when done.
     *
     * @throws LodeException {@code CHECKSUM_MISMATCH} if the object's size or checksum is not what
     *     {@code meta} records (nothing is left in the directory), {@code CORRUPTION} or
     *     {@code CHECKSUM_MISMATCH} if the verified table cannot be opened, {@code INVALID_ARGUMENT}
     *     for an id that cannot be a file name, {@code CLOSED} after {@link #close()}, and the store's
     *     own errors ({@code NOT_FOUND}, {@code IO}...)
     */
    public CachedSst acquire(SstMeta meta, ObjectStore store, String objectKey) {
        Require.nonNull(meta, "meta");
        Require.nonNull(store, "store");
        Require.nonNull(objectKey, "objectKey");
        String id = meta.id();
        Require.argument(isFileName(id), "SST id '" + id + "' cannot name a cache file");
        while (true) {
            CachedFile file;
            CompletableFuture<Void> loading;
            synchronized (this) {
                ensureOpen();
                file = files.get(id); // also makes it the most recently used
                if (file == null) {
                    file = new CachedFile(id, directory.resolve(id), 0, false);
                    files.put(id, file);
                }
                if (file.isLoaded()) {
                    file.references++;
                    return new CachedSst(this, file);
                }
                loading = file.loading;
                if (loading == null) {
                    file.loading = new CompletableFuture<>();
                    file.references++; // the loader's reference, handed to its caller on success
                }
            }
            if (loading == null) {
                return load(file, meta, store, objectKey);
            }
            awaitOtherLoader(loading, id);
        }
    }

    private static boolean isFileName(String id) {
        return !id.isEmpty() && !id.startsWith(".") && id.indexOf('/') < 0 && id.indexOf('\\') < 0
                && id.indexOf('\0') < 0 && id.length() <= 200;
    }

    /** Waits for another thread's load; its failure is this caller's failure too (no second download). */
    private static void awaitOtherLoader(CompletableFuture<Void> loading, String id) {
        try {
            loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LodeException cause) {
                throw new LodeException(cause.code(), cause.getMessage(), cause, cause.retryable());
            }
            throw new LodeException(ErrorCode.IO, "loading SST " + id + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Verifies the file already here or downloads it, maps it and opens its reader; this thread only. */
    private CachedSst load(CachedFile file, SstMeta meta, ObjectStore store, String objectKey) {
        MappedFile mapping = null;
        try {
            if (onDisk(file)) {
                mapping = mapIfValid(file.path, meta);
                if (mapping == null) {
                    deleteStale(file);
                } else {
                    markUsed(file.path);
                }
            }
            if (mapping == null) {
                mapping = download(file, meta, store, objectKey);
            }
            SstReader reader;
            try {
                reader = SstReader.open(SstSource.of(meta.id(), mapping.segment()), blocks, tableIds.incrementAndGet());
            } catch (SstCorruptionException e) {
                // The bytes are what the writer uploaded (the checksum matched): downloading them
                // again would not help, and keeping them would only fail again.
                deleteQuietly(file.path);
                throw SstFailures.toLode(e);
            }
            synchronized (this) {
                if (closed) {
                    throw closedException();
                }
                file.mapping = mapping;
                file.reader = reader;
                file.onDisk = true;
                finishLoading(file, null);
                evictOverBudget();
                return new CachedSst(this, file);
            }
        } catch (RuntimeException | Error e) {
            // Errors too: a waiter must never wait for a load that nobody will finish.
            if (mapping != null) {
                mapping.close();
            }
            synchronized (this) {
                file.references--;
                forget(file);
                // Whatever is left on disk is indexed (and verified) again by the next open.
                cachedBytes -= file.size;
                file.size = 0;
                finishLoading(file, e);
            }
            throw e;
        }
    }

    private synchronized boolean onDisk(CachedFile file) {
        return file.onDisk;
    }

    private void finishLoading(CachedFile file, Throwable failure) {
        CompletableFuture<Void> loading = file.loading;
        file.loading = null;
        if (failure == null) {
            loading.complete(null);
        } else {
            loading.completeExceptionally(failure);
        }
    }

    /** Maps {@code path} if it holds what {@code meta} describes; null (and nothing mapped) if not. */
    private static MappedFile mapIfValid(Path path, SstMeta meta) {
        MappedFile mapping;
        try {
            if (Files.size(path) != meta.size()) {
                return null;
            }
            mapping = MappedFile.openReadOnly(path);
        } catch (NoSuchFileException e) {
            return null; // deleted behind our back (another cache over the directory): download it again
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot map cached SST " + path + ": " + e.getMessage(), e);
        }
        boolean valid = false;
        try {
            valid = SstChecksum.matches(meta.checksum(), mapping.segment());
            return valid ? mapping : null;
        } finally {
            if (!valid) {
                mapping.close();
            }
        }
    }

    /**
     * Records the use in the file's modification time, which is the recency {@link #open} orders the
     * files by after a restart. Once per file and process: cheap, and a failure only costs accuracy.
     */
    private static void markUsed(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // The eviction order after the next restart is a little less accurate; nothing else.
        }
    }

    /** A file from an earlier process that does not verify: it goes, and the budget with it. */
    private void deleteStale(CachedFile file) {
        try {
            Files.deleteIfExists(file.path);
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot delete damaged cached SST " + file.path + ": "
                    + e.getMessage(), e);
        }
        synchronized (this) {
            cachedBytes -= file.size;
            file.size = 0;
            file.onDisk = false;
        }
    }

    /**
     * Streams the object into a temporary file (never whole in memory), verifies its size and
     * checksum, and renames it into place; the mapping outlives the rename.
     */
    private MappedFile download(CachedFile file, SstMeta meta, ObjectStore store, String objectKey) {
        downloads.incrementAndGet();
        Path temp = directory.resolve(DOWNLOAD_PREFIX + file.id + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (ObjectStream in = store.openStream(objectKey);
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            synchronized (this) {
                file.size = Files.size(temp);
                cachedBytes += file.size;
            }
            MappedFile mapping = mapIfValid(temp, meta);
            if (mapping == null) {
                throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, "SST object " + objectKey + " ("
                        + file.size + " bytes) does not match its manifest entry (" + meta.size() + " bytes, "
                        + meta.checksum() + ")");
            }
            try {
                moveIntoPlace(temp, file.path);
            } catch (IOException e) {
                mapping.close();
                throw e;
            }
            return mapping;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new LodeException(ErrorCode.IO, "cannot download SST " + objectKey + " into " + directory + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Called by a handle's close. */
    synchronized void release(CachedFile file) {
        file.references--;
        if (file.references > 0 || closed) {
            return;
        }
        if (file.removed) {
            unmap(file);
            cachedBytes -= file.size;
        } else {
            evictOverBudget();
        }
    }

    /** Deletes idle files, least recently used first, until the total fits the budget. */
    private void evictOverBudget() {
        Iterator<CachedFile> it = files.values().iterator();
        while (cachedBytes > maxBytes && it.hasNext()) {
            CachedFile file = it.next();
            if (file.isIdle()) {
                it.remove();
                unmap(file);
                cachedBytes -= file.size;
                deleteQuietly(file.path);
            }
        }
    }

    /**
     * Drops the file of SST {@code sstId}, for example after garbage collection deleted the object.
     * A file still referenced is unlinked now and unmapped when its last handle closes; the next
     * acquire of the id downloads it again. Unknown ids are ignored.
     */
    public synchronized void invalidate(String sstId) {
        Require.nonNull(sstId, "sstId");
        CachedFile file = files.get(sstId);
        if (file == null || file.loading != null) {
            return; // a load in progress fetches what the store holds now
        }
        forget(file);
        deleteQuietly(file.path); // the mapping, if any, stays readable until unmapped
        if (file.references == 0) {
            unmap(file);
            cachedBytes -= file.size;
        }
    }

    /** Takes the file out of the index (its bytes stay counted until it is unmapped). */
    private void forget(CachedFile file) {
        files.remove(file.id, file);
        file.removed = true;
    }

    private static void unmap(CachedFile file) {
        if (file.mapping != null) {
            file.mapping.close();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: a file that cannot be deleted now is indexed again (and verified) on the next open.
        }
    }

    /** Bytes of the SST files in the directory, including referenced ones and downloads in progress. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** How many downloads this cache started since it was opened. */
    public int downloads() {
        return downloads.get();
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /** Unmaps every file (handles still open become unusable); the files stay for the next open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CachedFile file : files.values()) {
            unmap(file);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private LodeException closedException() {
        return new LodeException(ErrorCode.CLOSED, "the SST cache in " + directory + " is closed");
    }
}
