package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.core.memory.UnsignedBytes;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.Role;
import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import io.lode.sst.SstCorruptionException;
import io.lode.sst.SstIterator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The compactor of docs/isle-protocol.md. Opening it claims the compactor role, which fences an
 * earlier compactor but never the writer: both append to the one log, and each reads and skips past
 * the other's entries. A pass merges every level-0 table, once there are {@code l0Threshold} of
 * them, into one new sorted run:
 *
 * <ol>
 *   <li>each input is downloaded and verified against its manifest checksum;</li>
 *   <li>a k-way merge by (user key ascending, sequence descending) keeps only each key's newest
 *       entry, with its sequence number, so reads find the same newest version as before: level 0
 *       holds every version a key has above the runs, and all of level 0 is merged;</li>
 *   <li>tombstones and expired values are dropped only when no sorted run exists, since a run
 *       would hold older versions they must keep hiding;</li>
 *   <li>outputs are cut at {@code targetSstBytes} between keys (so their ranges are disjoint and
 *       ordered), uploaded create-only as {@code sstable/c<epoch>-<counter>} (never a writer's
 *       {@code <epoch>-<counter>}), and committed with one {@code compaction} entry.</li>
 * </ol>
 *
 * The new run goes in front of the older runs; tables the writer flushed meanwhile stay in level 0,
 * in front of it, as their sequence numbers are higher. Replaced tables are not deleted: that is the
 * garbage collector's work, after a grace period for readers still holding them.
 */
public final class DatabaseCompactor implements Compactor {
    /** Merge order: user key ascending, then newest first, so a key's first entry is its newest. */
    private static final Comparator<SstIterator> ORDER = (a, b) -> {
        int c = UnsignedBytes.compare(a.userKey(), b.userKey());
        return c != 0 ? c : Long.compare(b.sequence(), a.sequence());
    };

    private final ObjectStore store;
    private final String prefix;
    private final CompactorOptions options;
    private final ManifestLog log;
    private final long epoch;
    private long sstCounter;
    private ScheduledExecutorService background;
    private volatile LodeException fenced;
    private volatile boolean closed;

    private DatabaseCompactor(ObjectStore store, String prefix, CompactorOptions options, ManifestLog log, long epoch) {
        this.store = store;
        this.prefix = prefix;
        this.options = options;
        this.log = log;
        this.epoch = epoch;
    }

    public static DatabaseCompactor open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle,
            CompactorOptions options) {
        ManifestLog log = ManifestLog.open(manifests, isle.snapshotEvery(), isle.currentEvery());
        long epoch = log.claim(Role.COMPACTOR, "compactor-" + UUID.randomUUID());
        return new DatabaseCompactor(store, prefix, options, log, epoch);
    }

    @Override
    public synchronized boolean runOnce() {
        checkUsable();
        // A pass whose commit failed with an unknown outcome learns it first; if it did not land,
        // this pass merges afresh (its uploaded outputs are orphans for the GC's orphan scan).
        log.resolveInDoubt();
        log.refresh();
        ManifestState state = log.state();
        if (state.epoch(Role.COMPACTOR) > epoch) {
            // A newer compactor claimed the role: merging now would only upload orphans.
            fenced = new LodeException(ErrorCode.FENCED, "this compactor (epoch " + epoch + ") was fenced by "
                    + state.fences().get(Role.COMPACTOR).owner() + " (epoch " + state.epoch(Role.COMPACTOR) + ")");
            throw fenced;
        }
        if (state.l0().size() < options.l0Threshold()) {
            return false;
        }
        List<SstMeta> inputs = state.l0();
        // No run below level 0: nothing older can exist, so deletions have nothing left to hide.
        boolean dropDead = state.runs().isEmpty();
        List<SstMeta> outputs = merge(inputs, dropDead);
        SortedRun run = outputs.isEmpty() ? null : new SortedRun(state.nextRunId(), outputs);
        List<String> removed = inputs.stream().map(SstMeta::id).toList();
        try {
            log.commit(new LogOp.Compaction(removed, List.of(), run), OptionalLong.empty(), OptionalLong.empty());
        } catch (LodeException e) {
            if (e.code() == ErrorCode.FENCED || e.code() == ErrorCode.FENCE_CONFLICT) {
                fenced = new LodeException(ErrorCode.FENCED, e.getMessage(), e);
                throw fenced;
            }
            throw e;
        }
        return true;
    }

    /** Merges the tables into outputs, uploaded and ordered by key; empty if nothing survives. */
    private List<SstMeta> merge(List<SstMeta> inputs, boolean dropDead) {
        long now = System.currentTimeMillis();
        long inputBytes = inputs.stream().mapToLong(SstMeta::size).sum();
        PriorityQueue<SstIterator> heap = new PriorityQueue<>(ORDER);
        List<SstMeta> outputs = new ArrayList<>();
        try {
            for (SstMeta meta : inputs) {
                SstIterator it = DownloadedSst.open(store, prefix, meta).iterator();
                it.seekToFirst();
                if (it.isValid()) {
                    heap.add(it);
                }
            }
            SstBuilder out = null;
            while (!heap.isEmpty()) {
                SstIterator top = heap.poll();
                // Copies: an iterator's segments may be reused once it moves on.
                byte[] key = top.userKey().toArray(ValueLayout.JAVA_BYTE);
                MemorySegment internalKey = MemorySegment.ofArray(top.key().toArray(ValueLayout.JAVA_BYTE));
                long sequence = top.sequence();
                MemorySegment value = MemorySegment.ofArray(top.value().toArray(ValueLayout.JAVA_BYTE));
                boolean dead = top.kind() == EntryKind.DELETE
                        || StoredValue.decode(value, "a value at sequence " + sequence).isDeadAt(now);
                skipOlderVersions(heap, top, key);
                if (dead && dropDead) {
                    continue;
                }
                if (out == null) {
                    out = new SstBuilder(nextId(), options.blockBytes(), Math.min(options.targetSstBytes(), inputBytes));
                }
                out.add(internalKey, MemorySegment.ofArray(key), sequence, value);
                if (out.bytesWritten() >= options.targetSstBytes()) {
                    outputs.add(upload(out));
                    out = null;
                }
            }
            if (out != null) {
                outputs.add(upload(out));
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        }
        return outputs;
    }

    /** Moves {@code it} and every iterator at {@code key} past the key's older versions. */
    private static void skipOlderVersions(PriorityQueue<SstIterator> heap, SstIterator it, byte[] key) {
        MemorySegment k = MemorySegment.ofArray(key);
        List<SstIterator> atKey = new ArrayList<>();
        atKey.add(it);
        while (!heap.isEmpty() && UnsignedBytes.compare(heap.peek().userKey(), k) == 0) {
            atKey.add(heap.poll());
        }
        for (SstIterator i : atKey) {
            do {
                i.next();
            } while (i.isValid() && UnsignedBytes.compare(i.userKey(), k) == 0);
            if (i.isValid()) {
                heap.add(i);
            }
        }
    }

    private String nextId() {
        return "c" + epoch + "-" + String.format("%08d", ++sstCounter);
    }

    private SstMeta upload(SstBuilder builder) {
        SstBuilder.Built built = builder.finish();
        store.put(prefix + "sstable/" + built.meta().id(), ObjectBody.of(built.bytes()), PutMode.CREATE);
        return built.meta();
    }

    private void checkUsable() {
        if (fenced != null) {
            throw new LodeException(ErrorCode.FENCED, fenced.getMessage(), fenced);
        }
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this compactor is closed");
        }
    }

    // ------------------------------------------------------------------------------ background

    @Override
    public synchronized void start() {
        checkUsable();
        if (options.interval().isZero()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the compactor's interval is zero: set one to start background passes");
        }
        if (background != null) {
            return;
        }
        background = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("isle-compact-" + prefix).unstarted(r));
        long ms = Math.max(1, options.interval().toMillis());
        background.scheduleWithFixedDelay(this::backgroundPass, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void backgroundPass() {
        if (closed || fenced != null) {
            return;
        }
        try {
            runOnce();
        } catch (LodeException e) {
            // Fencing stops the passes (runOnce now fails at once); other failures are retried next pass.
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = background;
            background = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        synchronized (this) {
            closed = true;
            log.close();
        }
    }
}
