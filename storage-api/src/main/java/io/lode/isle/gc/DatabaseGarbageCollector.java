package io.lode.isle.gc;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.GarbageCollector;
import io.lode.isle.GcOptions;
import io.lode.isle.GcReport;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.background.FailureLog;
import io.lode.isle.background.MaintenanceLoop;
import io.lode.isle.manifest.CurrentHint;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestCodec;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.internal.Retries;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Two-phase garbage collection of one database (docs/isle-protocol.md, "Garbage collection"). A
 * pass:
 *
 * <ol>
 *   <li><b>catch-up</b>: walks the manifest log from the checkpoint's {@code last_applied_seq};
 *       every table an entry removes is marked (reason: the entry's op, its seq, the time it was
 *       read), every table an entry adds is unmarked; the marks are stored, then the checkpoint.
 *       Being driven by the log, it needs no call from the compactor or retention, and a crash
 *       between a commit and the marks it implies cannot leak: the next pass walks that entry
 *       again;</li>
 *   <li><b>orphan scan</b> (on the first pass, every {@code orphanScanEvery} passes, and whenever
 *       the walk had to jump over collected entries): lists {@code sstable/} and {@code blobs/},
 *       then reads the log to its end, and marks every table nothing references (uploads never
 *       committed) and every blob no live table refers to;</li>
 *   <li><b>sweep</b>: for marks older than the grace period, reads the log to its end once more
 *       and deletes the objects still unreferenced ({@code NOT_FOUND} counts as done), at most
 *       {@code sweepBatch} of each kind; a blob rewritten since it was marked (a writer reused
 *       it) is kept;</li>
 *   <li><b>log collection</b>: once the snapshot CURRENT names has been seen there for the grace
 *       period, deletes the log entries it covers and the snapshots before it.</li>
 * </ol>
 */
public final class DatabaseGarbageCollector implements GarbageCollector {
    /** Bounds one pass's walk of the log; the next pass continues. */
    static final int MAX_ENTRIES_PER_PASS = 4096;
    /** Bounds one pass's log-entry deletions; the next pass continues. */
    static final int MAX_LOG_DELETES_PER_PASS = 1024;
    private static final String SST_ID = "sst_id";
    private static final String BLOB_ID = "blob_id";

    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final ManifestStorage manifests;
    private final GcOptions options;
    private final InstantSource clock;
    private final GcObject<PendingMarks> sstMarks;
    private final GcObject<PendingMarks> blobMarks;
    private final GcObject<GcCheckpoint> checkpoint;
    private final BlobReferences blobReferences;
    private LogReplay replay;
    private boolean scanDue = true;
    private long passes;
    private int marked;
    private final MaintenanceLoop background;
    private final FailureLog listenerCalls;
    private volatile boolean closed;

    private DatabaseGarbageCollector(ObjectStore store, String prefix, ManifestStorage manifests, InstantSource clock,
            GcOptions options) {
        this.store = store;
        this.layout = new DatabaseLayout(prefix);
        this.manifests = manifests;
        this.options = options;
        this.clock = clock;
        this.sstMarks = new GcObject<>(store, layout.gcPendingSsts(), (b, s) -> GcCodec.decodeMarks(b, s, SST_ID),
                m -> GcCodec.encode(m, SST_ID), PendingMarks.EMPTY);
        this.blobMarks = new GcObject<>(store, layout.gcPendingBlobs(), (b, s) -> GcCodec.decodeMarks(b, s, BLOB_ID),
                m -> GcCodec.encode(m, BLOB_ID), PendingMarks.EMPTY);
        this.checkpoint = new GcObject<>(store, layout.gcCheckpoint(), GcCodec::decodeCheckpoint, GcCodec::encode,
                GcCheckpoint.EMPTY);
        this.blobReferences = new BlobReferences(store, layout);
        this.listenerCalls = new FailureLog("a listener of the garbage collector of " + prefix);
        this.background = new MaintenanceLoop("isle-gc-" + prefix, "the garbage collector", options.interval(), this::runOnce);
    }

    public static DatabaseGarbageCollector open(ObjectStore store, String prefix, ManifestStorage manifests,
            IsleOptions isle, GcOptions options) {
        return new DatabaseGarbageCollector(store, prefix, manifests, isle.clock(), options);
    }

    @Override
    public synchronized GcReport runOnce() {
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this garbage collector is closed");
        }
        if (!options.enabled()) {
            return GcReport.NONE;
        }
        GcReport report;
        try {
            report = pass(clock.instant());
        } catch (RuntimeException e) {
            // The walk may be ahead of what was stored: the next pass starts again from the checkpoint.
            replay = null;
            listenerCalls.guard(() -> options.listener().failed(e));
            throw e;
        }
        listenerCalls.guard(() -> options.listener().collected(report));
        return report;
    }

    private GcReport pass(Instant now) {
        marked = 0;
        long readAt = clock.millis();
        CurrentHint hint = readCurrent();
        if (replay == null) {
            replay = LogReplay.open(manifests, clock, this::readCurrent, hint, readAt, checkpoint.get().lastAppliedSeq());
        } else {
            replay.catchUpWith(hint, readAt);
        }
        scanDue |= passes++ % options.orphanScanEvery() == 0;
        boolean atEnd = catchUp(now);
        if (replay.takeJumped()) {
            scanDue = true; // removals in the entries jumped over are found by listing instead
        }
        if (atEnd && scanDue) {
            atEnd = scanOrphans(now);
        }
        int sstsDeleted = atEnd ? sweepSsts(now) : 0;
        int blobsDeleted = atEnd ? sweepBlobs(now) : 0;
        int[] log = collectLog(hint, now);
        return new GcReport(marked, sstsDeleted, blobsDeleted, log[0], log[1]);
    }

    private CurrentHint readCurrent() {
        Optional<ManifestStorage.Versioned> c = Retries.retried(manifests::readCurrent);
        return c.isEmpty() ? new CurrentHint(null, 0, 1, Map.of(), OptionalLong.empty(), OptionalLong.empty())
                : ManifestCodec.decodeCurrent(c.get().bytes(), DatabaseLayout.CURRENT);
    }

    // ------------------------------------------------------------------------------- catch-up

    /**
     * Walks the log on (bounded), stores the marks its entries imply, then the checkpoint.
     *
     * @return whether the walk reached the end of the log
     */
    private boolean catchUp(Instant now) {
        MarkChanges changes = new MarkChanges();
        boolean atEnd = replay.advance(MAX_ENTRIES_PER_PASS, step -> {
            switch (step.entry().op()) {
                case LogOp.FenceClaim claim -> {
                    return;
                }
                case LogOp.AddSsts add -> {
                    // Only adds (and ignored if fenced, then the state is unchanged: clearing a mark is always safe).
                    add.ssts().forEach(t -> changes.clear(t.id(), step.entry().seq()));
                    return;
                }
                default -> { }
            }
            // Anything else may remove tables, by id or whole runs: compare the states.
            Set<String> before = step.before().tableIds();
            Set<String> after = step.after().tableIds();
            Instant seen = clock.instant(); // after the entry was read, so not before its commit
            for (String id : before) {
                if (!after.contains(id)) {
                    changes.upsert(id, step.entry().op().name(), step.entry().seq(), seen, null);
                }
            }
            for (String id : after) {
                if (!before.contains(id)) {
                    changes.clear(id, step.entry().seq());
                }
            }
        });
        store(changes, now);
        return atEnd;
    }

    /** Marks first, then the checkpoint: a crash between them only makes the next pass redo the marks. */
    private void store(MarkChanges changes, Instant now) {
        if (!changes.isEmpty()) {
            sstMarks.update(m -> m.with(changes));
            marked += changes.upserts();
        }
        long position = replay.position();
        checkpoint.update(c -> c.lastAppliedSeq() >= position ? c : c.withApplied(position, now));
    }

    // ---------------------------------------------------------------------------- orphan scan

    /**
     * Lists tables and blobs, then reads the log to its end, and marks what that state does not
     * reference; the listing comes first so that an object committed meanwhile is seen as live.
     */
    private boolean scanOrphans(Instant now) {
        // Other collectors' marks: this collector's copies are refreshed only when a swap fails.
        sstMarks.load();
        blobMarks.load();
        List<String> tables;
        try (Stream<ListedObject> listed = store.list(layout.sstFolder())) {
            tables = listed.map(o -> layout.sstIdOf(o.key())).toList();
        }
        Set<String> blobs = new HashSet<>();
        try (Stream<ListedObject> listed = store.list(layout.blobFolder())) {
            listed.map(o -> DatabaseLayout.blobIdOf(o.key())).filter(Objects::nonNull).forEach(blobs::add);
        }
        if (!catchUp(now)) {
            return false; // the log is too far ahead for this pass: scan again on the next
        }
        ManifestState state = replay.state();
        Set<String> live = state.tableIds();
        // The grace period runs from after the listing, so from after every listed upload: a pass
        // that stalled since it began must not date its marks back to then.
        Instant seen = clock.instant();
        PendingMarks sstPending = sstMarks.get();
        MarkChanges ssts = new MarkChanges();
        Set<String> listed = new HashSet<>(tables);
        for (String id : tables) {
            if (!live.contains(id) && !sstPending.contains(id)) {
                ssts.upsert(id, PendingMark.ORPHAN_SCAN, 0, seen, null);
            }
        }
        for (String id : sstPending.marks().keySet()) {
            if (live.contains(id) || !listed.contains(id)) {
                // committed after all (as of the state read), or already gone
                ssts.clear(id, listed.contains(id) ? state.logSeq() : Long.MAX_VALUE);
            }
        }
        Set<String> referenced = blobReferences.of(state);
        PendingMarks blobPending = blobMarks.get();
        MarkChanges unreferenced = new MarkChanges();
        for (String id : blobs) {
            if (!referenced.contains(id) && !blobPending.contains(id)) {
                // The version marked, by the same kind of request the sweep compares it with.
                Optional<ObjectInfo> info = Retries.retried(() -> store.head(layout.blobKey(id)));
                info.ifPresent(i -> unreferenced.upsert(id, PendingMark.BLOB_SCAN, 0, seen, i.lastModified()));
            }
        }
        for (String id : blobPending.marks().keySet()) {
            if (referenced.contains(id) || !blobs.contains(id)) {
                unreferenced.clear(id, blobs.contains(id) ? state.logSeq() : Long.MAX_VALUE);
            }
        }
        if (!ssts.isEmpty()) {
            sstMarks.update(m -> m.with(ssts));
            marked += ssts.upserts();
        }
        if (!unreferenced.isEmpty()) {
            blobMarks.update(m -> m.with(unreferenced));
            marked += unreferenced.upserts();
        }
        scanDue = false;
        return true;
    }

    // ---------------------------------------------------------------------------------- sweep

    /** Deletes tables marked for longer than the grace period that the log's latest state does not reference. */
    private int sweepSsts(Instant now) {
        List<PendingMark> due = sstMarks.get().due(now, options.gracePeriod(), options.sweepBatch());
        if (due.isEmpty()) {
            return 0;
        }
        if (!catchUp(now)) {
            return 0;
        }
        // Re-checked against the state read just now: a table committed since it was marked stays.
        Set<String> live = replay.state().tableIds();
        List<String> done = new ArrayList<>();
        int deleted = 0;
        for (PendingMark m : due) {
            if (!live.contains(m.id())) {
                store.delete(layout.sstKey(m.id()));
                deleted++;
            }
            done.add(m.id());
        }
        sstMarks.update(m -> m.without(done));
        return deleted;
    }

    /**
     * Deletes blobs marked for longer than the grace period that no table of the log's latest
     * state refers to and that no writer rewrote since they were marked (docs/isle-protocol.md,
     * "Garbage collection"): a writer that reuses an existing blob rewrites it, and the sweep reads
     * the blob's time before it reads the log.
     */
    private int sweepBlobs(Instant now) {
        List<PendingMark> due = blobMarks.get().due(now, options.gracePeriod(), options.sweepBatch());
        if (due.isEmpty()) {
            return 0;
        }
        List<String> done = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (PendingMark m : due) {
            Optional<ObjectInfo> info = Retries.retried(() -> store.head(layout.blobKey(m.id())));
            if (info.isEmpty() || !info.get().lastModified().equals(m.objectModifiedAt())) {
                done.add(m.id()); // gone, or reused since it was marked: a later scan marks it again if need be
            } else {
                candidates.add(m.id());
            }
        }
        int deleted = 0;
        if (!candidates.isEmpty() && catchUp(now)) {
            Set<String> referenced = blobReferences.of(replay.state());
            for (String id : candidates) {
                if (!referenced.contains(id)) {
                    store.delete(layout.blobKey(id));
                    deleted++;
                }
                done.add(id);
            }
        }
        if (!done.isEmpty()) {
            blobMarks.update(m -> m.without(done));
        }
        return deleted;
    }

    // ------------------------------------------------------------------------ log collection

    /**
     * Deletes the log entries (and older snapshots) the snapshot in CURRENT covers, once that
     * snapshot has been seen there for the grace period, and only entries the catch-up handled.
     *
     * @return {entries deleted, snapshots deleted}
     */
    private int[] collectLog(CurrentHint hint, Instant now) {
        int[] none = {0, 0};
        if (hint.snapshotId() == null) {
            return none;
        }
        GcCheckpoint cp = checkpoint.get();
        if (!hint.snapshotId().equals(cp.watchedSnapshot())) {
            if (hint.snapshotSeq() > cp.watchedSeq()) {
                // Seen from now on: taken after CURRENT was read, so never before the snapshot was there.
                Instant seen = clock.instant();
                checkpoint.update(c -> c.watching(hint.snapshotId(), seen).mergedWith(c));
            }
            return none;
        }
        if (now.isBefore(cp.watchedSince().plus(options.gracePeriod()))) {
            return none;
        }
        long upTo = Math.min(hint.snapshotSeq(), cp.lastAppliedSeq());
        long from = cp.logCollectedThrough() + 1;
        long to = Math.min(upTo, from + MAX_LOG_DELETES_PER_PASS - 1);
        if (to < from) {
            return none;
        }
        try {
            for (long seq = from; seq <= to; seq++) {
                long s = seq;
                Retries.retried(() -> manifests.deleteLogEntry(s));
            }
            checkpoint.update(c -> c.logCollectedThrough() >= to ? c : c.withCollectedThrough(to, now));
            int snapshots = 0;
            if (to == hint.snapshotSeq()) {
                for (String id : manifests.listSnapshots()) {
                    long seq = ManifestLog.snapshotSeqOf(id);
                    if (seq >= 0 && seq < hint.snapshotSeq()) {
                        manifests.deleteSnapshot(id);
                        snapshots++;
                    }
                }
            }
            return new int[] {(int) (to - from + 1), snapshots};
        } catch (LodeException e) {
            if (e.code() == ErrorCode.UNSUPPORTED) {
                return none; // this manifest storage keeps its log
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------------ background

    @Override
    public synchronized void start() {
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this garbage collector is closed");
        }
        background.start();
    }

    @Override
    public void stop() {
        background.stop();
    }

    @Override
    public void close() {
        stop();
        closed = true;
    }
}
