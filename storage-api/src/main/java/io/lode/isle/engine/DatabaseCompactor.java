package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.core.memory.UnsignedBytes;
import io.lode.isle.CompactionJob;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.gc.DatabaseGarbageCollector;
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

/**
 * The compactor of docs/isle-protocol.md. Opening it claims the compactor role, which fences an
 * earlier compactor but never the writer: both append to the one log, and each reads and skips past
 * the other's entries. A pass merges either every level-0 table, once there are
 * {@code l0Threshold} of them, into one new sorted run in front of the others, or the consecutive
 * runs {@link RunMergePolicy} picks into one run in the place of the newest of them (taking turns
 * when both are due):
 *
 * <ol>
 *   <li>each input is downloaded and verified against its manifest checksum;</li>
 *   <li>a k-way merge by (user key ascending, sequence descending) keeps only each key's newest
 *       entry, with its sequence number, so reads find the same newest version as before: any
 *       version outside the inputs is either newer (level 0, runs in front) or older (runs
 *       behind) than all of them;</li>
 *   <li>tombstones and expired values are dropped only when no sorted run lies below the output,
 *       since it would hold older versions they must keep hiding;</li>
 *   <li>outputs are cut at {@code targetSstBytes} between keys (so their ranges are disjoint and
 *       ordered), uploaded create-only as {@code sstable/c<epoch>-<counter>} (never a writer's
 *       {@code <epoch>-<counter>}), and committed with one {@code compaction} entry.</li>
 * </ol>
 *
 * The new run goes in front of the older runs; tables the writer flushed meanwhile stay in level 0,
 * in front of it, as their sequence numbers are higher. Replaced tables are not deleted here: each
 * pass ends with a {@link DatabaseGarbageCollector} pass, which deletes them after a grace period
 * for readers still holding them.
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
    /** The garbage collection each pass ends with. */
    private final DatabaseGarbageCollector gc;
    private long sstCounter;
    /** Whether the last pass merged level 0 (rather than runs): for taking turns. */
    private boolean lastMergedL0;
    private final MaintenanceLoop background;
    private volatile LodeException fenced;
    private volatile boolean closed;

    private DatabaseCompactor(ObjectStore store, String prefix, CompactorOptions options, ManifestLog log, long epoch,
            DatabaseGarbageCollector gc) {
        this.store = store;
        this.prefix = prefix;
        this.options = options;
        this.log = log;
        this.epoch = epoch;
        this.gc = gc;
        this.background = new MaintenanceLoop("isle-compact-" + prefix, "the compactor", options.interval(), this::backgroundPass);
    }

    public static DatabaseCompactor open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle,
            CompactorOptions options) {
        ManifestLog log = ManifestLog.open(manifests, isle.snapshotEvery(), isle.currentEvery(), isle.clock());
        long epoch = log.claim(Role.COMPACTOR, "compactor-" + UUID.randomUUID());
        return new DatabaseCompactor(store, prefix, options, log, epoch,
                DatabaseGarbageCollector.open(store, prefix, manifests, isle, options.gc()));
    }

    @Override
    public synchronized boolean runOnce() {
        boolean compacted = compactOnce();
        // After the merge, so the tables it replaced are marked in the same pass; the collector
        // follows the log itself, so a crash between the two loses nothing.
        gc.runOnce();
        return compacted;
    }

    private boolean compactOnce() {
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
        boolean l0Due = state.l0().size() >= options.l0Threshold();
        List<SortedRun> runsDue = RunMergePolicy.choose(state.runs());
        if (!l0Due && runsDue.isEmpty()) {
            return false;
        }
        // When both are due, take turns, so a steady stream of flushes cannot starve run merges
        // (reads slow down as runs pile up) nor the other way round.
        boolean mergeL0 = l0Due && (runsDue.isEmpty() || !lastMergedL0);
        lastMergedL0 = mergeL0;
        return mergeL0 ? mergeLevel0(state) : mergeRuns(state, runsDue);
    }

    /** Every level-0 table into one run in front of the older runs. */
    private boolean mergeLevel0(ManifestState state) {
        List<SstMeta> inputs = state.l0();
        // No run below level 0: nothing older can exist, so deletions have nothing left to hide.
        return mergeAndCommit(state, true, inputs, state.runs().isEmpty(), List.of());
    }

    /**
     * Consecutive runs into one that takes the place of the newest of them. Level 0 and the runs in
     * front hold only newer versions, so each key's newest version among the inputs is the only
     * one reads can still need from them.
     */
    private boolean mergeRuns(ManifestState state, List<SortedRun> inputs) {
        // Deletions may go only when no run lies below the merged ones.
        boolean oldest = inputs.getLast().id() == state.runs().getLast().id();
        List<SstMeta> tables = inputs.stream().flatMap(r -> r.ssts().stream()).toList();
        return mergeAndCommit(state, false, tables, oldest, inputs.stream().map(SortedRun::id).toList());
    }

    /**
     * Merges {@code tables} and commits the result, telling the listener.
     *
     * @param level0 whether the tables are level 0's (removed by table id) or whole runs' (by run id)
     * @param runIds the runs merged whole
     */
    private boolean mergeAndCommit(ManifestState state, boolean level0, List<SstMeta> tables, boolean dropDead,
            List<Long> runIds) {
        List<String> ids = tables.stream().map(SstMeta::id).toList();
        CompactionJob job = new CompactionJob(level0, ids, tables.stream().mapToLong(SstMeta::size).sum());
        tell(() -> options.listener().started(job));
        List<SstMeta> outputs;
        try {
            outputs = merge(tables, dropDead);
            SortedRun run = outputs.isEmpty() ? null : new SortedRun(state.nextRunId(), outputs);
            commit(new LogOp.Compaction(level0 ? ids : List.of(), runIds, run));
        } catch (RuntimeException e) {
            tell(() -> options.listener().ended(job, List.of(), e));
            throw e;
        }
        List<String> outputIds = outputs.stream().map(SstMeta::id).toList();
        tell(() -> options.listener().ended(job, outputIds, null));
        return true;
    }

    /** Runs a listener call; what it throws is ignored, so observing a compaction never fails it. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // deliberately ignored: see CompactionListener
        }
    }

    private void commit(LogOp.Compaction op) {
        try {
            log.commit(op, OptionalLong.empty(), OptionalLong.empty());
        } catch (LodeException e) {
            if (e.code() == ErrorCode.FENCED || e.code() == ErrorCode.FENCE_CONFLICT) {
                fenced = new LodeException(ErrorCode.FENCED, e.getMessage(), e);
                throw fenced;
            }
            throw e;
        }
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
        background.start();
    }

    /** A background pass; fencing stops them (runOnce then fails at once), other failures are retried. */
    private void backgroundPass() {
        if (!closed && fenced == null) {
            runOnce();
        }
    }

    @Override
    public void stop() {
        background.stop();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        synchronized (this) {
            closed = true;
            gc.close();
            log.close();
        }
    }
}
