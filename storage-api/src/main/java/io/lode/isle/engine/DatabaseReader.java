package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.ParallelRequests;
import io.lode.internal.Require;
import io.lode.internal.StripedPins;
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
import io.lode.isle.cache.ReadEpochs;
import io.lode.isle.cache.SstCache;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.spi.ObjectStore;
import io.lode.sst.Version;
import io.lode.sst.format.SstCorruptionException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reader of docs/isle-protocol.md: it replays the manifest log to a state, loads the state's
 * tables (each verified against its manifest checksum), and answers from that view until the next
 * {@link #refresh()}, which probes the log (one read when nothing is new).
 */
public final class DatabaseReader implements IsleReader {
    /**
     * Table tails fetched at once while tables are opened together, at most, in bytes: a hundred
     * small tables open in one round trip, large ones a few at a time (each tail is about 1/32
     * of its table; what stays of it, index and filter, is counted against the reader's memory).
     */
    private static final long TAILS_IN_FLIGHT_BYTES = 64L << 20;
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final ManifestLog log;
    private final BlobStore blobs;
    /** The tables some unreleased view holds, by id; guarded by {@code tables}. */
    private final Map<String, Table> loaded = new HashMap<>();
    private final Object tables = new Object();
    /** The local SST cache, or null when tables are held in memory. */
    private final SstCache cache;
    /** The decompressed blocks of range-read and in-memory tables (mapped ones use the cache directory's). */
    private final OffHeapBlockCache blockCache;
    private final boolean rangeReads;
    private final AtomicLong tableIds = new AtomicLong();
    /** The database's clock: the "now" that decides whether a value's TTL has run out. */
    private final InstantSource clock;
    /** The view reads start on; a refresh replaces and retires it. */
    private volatile LiveView live;
    private volatile boolean closed;

    private DatabaseReader(ObjectStore store, String prefix, ManifestLog log, ReaderOptions options, InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.layout = new DatabaseLayout(prefix);
        this.log = log;
        this.blobs = new BlobStore(store, prefix, options.blobCacheBytes());
        this.cache = options.cacheDir() == null ? null
                : SharedSstCaches.acquire(options.cacheDir(), options.cacheBytes(), options.blockCacheBytes());
        this.rangeReads = options.rangeReads();
        // Its own cache, which only this reader's pinned reads touch: dropped slabs' memory is reused.
        this.blockCache = cache == null ? OffHeapBlockCache.forPinnedReads(options.blockCacheBytes()) : null;
        try {
            // Opening a range-read table costs one request and holds only its index and filter: open
            // them all now, together. The other modes download whole tables, so only as reads need them.
            this.live = liveView(rangeReads);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static DatabaseReader open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle, ReaderOptions options) {
        return new DatabaseReader(store, prefix, ManifestLog.open(manifests, isle.snapshotEvery(), isle.currentEvery(), isle.clock()), options, isle.clock());
    }

    /**
     * A view of the log's state, holding its tables until it is released. With {@code openTables},
     * the tables no earlier view opened are opened first, in parallel: a read then never waits for a
     * table to open (IsleDB prepares the next view the same way).
     */
    private LiveView liveView(boolean openTables) {
        ReadView v;
        synchronized (tables) {
            v = ReadView.of(log.state(), this::load);
        }
        LiveView l = new LiveView(v, () -> release(v));
        if (openTables) {
            try {
                List<Table> closed = v.tables().stream().filter(t -> !t.isOpen()).toList();
                long largestTail = closed.stream().mapToLong(t -> ObjectStoreSstSource.tailBytes(t.meta().size())).max().orElse(1);
                int parallelism = (int) Math.clamp(TAILS_IN_FLIGHT_BYTES / largestTail, 8, ParallelRequests.PARALLELISM);
                ParallelRequests.map(closed, parallelism, t -> {
                    int stripe = StripedPins.stripe();
                    ReadEpochs.Epoch epoch = pinBlocks(stripe); // opening a foreign table reads its first and last blocks
                    try {
                        t.prepare();
                    } finally {
                        unpinBlocks(epoch, stripe);
                    }
                    return t;
                });
            } catch (RuntimeException e) {
                l.retire();
                throw e;
            }
        }
        return l;
    }

    /** The table of {@code meta}, shared with the other unreleased views that hold it; opened lazily. */
    private Table load(SstMeta meta) {
        // A table is removed from the map in the same locked step that closes it: what is here is open.
        Table t = loaded.computeIfAbsent(meta.id(), id -> new Table(meta, this::open));
        t.retain();
        return t;
    }

    /** A view no read uses any more: the tables no other view holds are closed. */
    private void release(ReadView v) {
        synchronized (tables) {
            for (Table t : v.tables()) {
                if (t.releaseView()) {
                    loaded.remove(t.meta().id(), t);
                }
            }
        }
    }

    /** Opens a table the way the options say: mapped from the cache, range-read, or downloaded. */
    private Table.Opened open(SstMeta meta) {
        String key = layout.sstKey(meta.id());
        if (cache != null) {
            CachedSst handle = cache.acquire(meta, store, key);
            return new Table.Opened(handle.reader(), handle::close);
        }
        if (rangeReads) {
            // Each block is verified by its own checksum when it is read; a released table's
            // blocks age out of the block cache like any others.
            ObjectStoreSstSource source = new ObjectStoreSstSource(store, key, meta.size());
            return new Table.Opened(source.openReader(blockCache, tableIds.incrementAndGet()), source::close);
        }
        return new Table.Opened(DownloadedSst.open(store, layout, meta, blockCache, tableIds.incrementAndGet()),
                () -> { }); // the heap lets go of it
    }

    /** The current view, pinned on {@code stripe} ({@link StripedPins#stripe()}). Fails with CLOSED once the reader is closed. */
    private LiveView pinned(int stripe) {
        while (true) {
            checkOpen();
            LiveView l = live;
            if (l.pin(stripe)) {
                return l;
            }
            Thread.onSpinWait(); // a refresh retired it; the next view is published already
        }
    }

    /** Pins the block cache this reader owns for one read ({@link OffHeapBlockCache#forPinnedReads}); null if it has none. */
    private ReadEpochs.Epoch pinBlocks(int stripe) {
        return blockCache == null ? null : blockCache.pin(stripe);
    }

    private static void unpinBlocks(ReadEpochs.Epoch epoch, int stripe) {
        if (epoch != null) {
            epoch.unpin(stripe);
        }
    }

    @Override
    public byte[] get(MemorySegment key) {
        Require.nonNull(key, "key");
        return get(key.toArray(ValueLayout.JAVA_BYTE));
    }

    @Override
    public byte[] get(byte[] key) {
        Require.nonNull(key, "key");
        int stripe = StripedPins.stripe();
        LiveView l = pinned(stripe);
        ReadEpochs.Epoch blocks = pinBlocks(stripe);
        try {
            Version v = l.view().newest(key);
            if (v == null || v.isTombstone()) {
                return null;
            }
            StoredValue stored = StoredValue.decode(v.value(), "a value read by get"); // constant: no string per get
            return stored.isDeadAt(clock.millis()) ? null : resolve(stored);
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        } finally {
            unpinBlocks(blocks, stripe);
            l.unpin(stripe);
        }
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
        int stripe = StripedPins.stripe(); // a cursor may be closed on another thread: it unpins this stripe
        LiveView l = pinned(stripe);
        ReadEpochs.Epoch blocks = pinBlocks(stripe); // for the cursor's life: it holds blocks between calls
        try {
            return new MergeCursor(l.view().overlapping(fromInclusive, toInclusive), fromInclusive, toInclusive,
                    clock.millis(), this::resolve, () -> {
                        unpinBlocks(blocks, stripe);
                        l.unpin(stripe);
                    });
        } catch (RuntimeException e) {
            unpinBlocks(blocks, stripe);
            l.unpin(stripe);
            throw e;
        }
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
        LiveView previous = live;
        live = liveView(true);
        // Tables that left the manifest go once the reads that started on the old view end.
        previous.retire();
        return true;
    }

    @Override
    public OptionalLong maxCommittedLsn() {
        return live.view().state().maxCommittedLsn();
    }

    @Override
    public OptionalLong lowWatermarkLsn() {
        return live.view().state().lowWatermarkLsn();
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
        if (live != null) {
            live.retire(); // open cursors keep their tables until they are closed
        }
        if (cache != null) {
            SharedSstCaches.release(cache);
        }
    }
}
