package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.isle.Cursor;
import io.lode.isle.IsleOptions;
import io.lode.isle.IsleReader;
import io.lode.isle.KeyValue;
import io.lode.isle.ManifestStorage;
import io.lode.isle.ReaderOptions;
import io.lode.isle.blob.BlobStore;
import io.lode.isle.cache.CachedSst;
import io.lode.isle.cache.DownloadedSst;
import io.lode.isle.cache.ObjectStoreSstSource;
import io.lode.isle.cache.OffHeapBlockCache;
import io.lode.isle.cache.SstCache;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.spi.ObjectStore;
import io.lode.sst.SstReader;
import io.lode.sst.Version;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reader of docs/isle-protocol.md: it replays the manifest log to a state, loads the state's
 * tables (each verified against its manifest checksum), and answers from that view until the next
 * {@link #refresh()}, which probes the log (one read when nothing is new).
 */
public final class DatabaseReader implements IsleReader {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final ManifestLog log;
    private final BlobStore blobs;
    private final Map<String, Table> loaded = new ConcurrentHashMap<>();
    /** The local SST cache, or null when tables are held in memory. */
    private final SstCache cache;
    /** The block cache of range-read mode, or null. */
    private final OffHeapBlockCache blockCache;
    private final AtomicLong tableIds = new AtomicLong();
    /** Cache handles, released when the reader closes: a cursor may still read a table a refresh dropped. */
    private final List<CachedSst> handles = new CopyOnWriteArrayList<>();
    /** The database's clock: the "now" that decides whether a value's TTL has run out. */
    private final InstantSource clock;
    private volatile ReadView view;
    private volatile boolean closed;

    private DatabaseReader(ObjectStore store, String prefix, ManifestLog log, ReaderOptions options, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.layout = new DatabaseLayout(prefix);
        this.log = log;
        this.blobs = new BlobStore(store, prefix, options.blobCacheBytes());
        this.cache = options.cacheDir() == null ? null : SharedSstCaches.acquire(options.cacheDir(), options.cacheBytes());
        this.blockCache = options.rangeReads() ? new OffHeapBlockCache(options.blockCacheBytes()) : null;
        try {
            this.view = ReadView.of(log.state(), this::load);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static DatabaseReader open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle, ReaderOptions options) {
        return new DatabaseReader(store, prefix, ManifestLog.open(manifests, isle.snapshotEvery(), isle.currentEvery(), isle.clock()), options, isle.clock());
    }

    /** The table of {@code meta}: one instance per table for the reader's life, opened lazily. */
    private Table load(SstMeta meta) {
        return loaded.computeIfAbsent(meta.id(), id -> new Table(meta, this::open));
    }

    /** Opens a table the way the options say: mapped from the cache, range-read, or downloaded. */
    private SstReader open(SstMeta meta) {
        String key = layout.sstKey(meta.id());
        if (cache != null) {
            CachedSst handle = cache.acquire(meta, store, key);
            handles.add(handle);
            return handle.reader();
        }
        if (blockCache != null) {
            // Each block is verified by its own checksum when it is read.
            return new ObjectStoreSstSource(store, key, meta.size()).openReader(blockCache, tableIds.incrementAndGet());
        }
        return DownloadedSst.open(store, layout, meta);
    }

    @Override
    public byte[] get(MemorySegment key) {
        Require.nonNull(key, "key");
        return get(key.toArray(ValueLayout.JAVA_BYTE));
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        Require.nonNull(key, "key");
        Version v;
        try {
            v = view.newest(key);
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
        if (v == null || v.isTombstone()) {
            return null;
        }
        StoredValue stored = StoredValue.decode(v.value(), "a value read by get"); // constant: no string per get
        return stored.isDeadAt(clock.millis()) ? null : resolve(stored);
    }

    private byte[] resolve(StoredValue stored) {
        return switch (stored.kind()) {
            case INLINE -> stored.payload().toArray(ValueLayout.JAVA_BYTE);
            case BLOB_REF -> blobs.get(stored.payload().toArray(ValueLayout.JAVA_BYTE));
            case TOMBSTONE -> throw new IllegalStateException("a tombstone has no value");
        };
    }

    @Override
    public Cursor scan(byte[] fromInclusive, byte[] toInclusive) {
        checkOpen();
        ReadView pinned = view;
        return new MergeCursor(pinned.overlapping(fromInclusive, toInclusive), fromInclusive, toInclusive,
                clock.millis(), this::resolve);
    }

    @Override
    public List<KeyValue> scan(byte[] fromInclusive, byte[] toInclusive, int limit) {
        Require.argument(limit >= 0, "limit must not be negative, not " + limit);
        List<KeyValue> page = new ArrayList<>(Math.min(limit, 1024));
        try (Cursor c = scan(fromInclusive, toInclusive)) {
            while (page.size() < limit && c.next()) {
                page.add(new KeyValue(c.key(), c.value()));
            }
        }
        return page;
    }

    @Override
    public synchronized boolean refresh() {
        checkOpen();
        if (!log.refresh()) {
            return false;
        }
        view = ReadView.of(log.state(), this::load);
        // Tables that left the manifest are dropped; open cursors keep their own references.
        Set<String> live = new HashSet<>();
        view.level0().forEach(t -> live.add(t.meta().id()));
        view.runs().forEach(run -> run.forEach(t -> live.add(t.meta().id())));
        loaded.keySet().retainAll(live);
        return true;
    }

    @Override
    public OptionalLong maxCommittedLsn() {
        return view.state().maxCommittedLsn();
    }

    @Override
    public OptionalLong lowWatermarkLsn() {
        return view.state().lowWatermarkLsn();
    }

    private void checkOpen() {
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this reader is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        loaded.clear();
        handles.forEach(CachedSst::close);
        handles.clear();
        if (cache != null) {
            SharedSstCaches.release(cache);
        }
    }
}
