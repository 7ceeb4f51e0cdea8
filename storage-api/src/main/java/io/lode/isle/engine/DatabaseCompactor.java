package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.io.AccessAdvice;
import io.lode.core.key.EntryKind;
import io.lode.isle.CompactionJob;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.cache.CachedSst;
import io.lode.isle.cache.DownloadedSst;
import io.lode.isle.cache.SstCache;
import io.lode.isle.cache.SstFailures;
import io.lode.isle.gc.DatabaseGarbageCollector;
import io.lode.isle.manifest.DatabaseLayout;
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
import io.lode.sst.SstIterator;
import io.lode.sst.format.SstCorruptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

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
 *       {@code <epoch>-<counter>}), and committed with one {@code compaction} entry naming every
 *       input table; if the retention compactor removed one of them meanwhile, the entry no longer
 *       applies and is not committed: the job is reported abandoned and its outputs are orphans.</li>
 * </ol>
 *
 * The new run goes in front of the older runs; tables the writer flushed meanwhile stay in level 0,
 * in front of it, as their sequence numbers are higher. Replaced tables are not deleted here: each
 * pass ends with a {@link DatabaseGarbageCollector} pass, which deletes them after a grace period
 * for readers still holding them.
 */
public final class DatabaseCompactor extends MaintenanceCommitter implements Compactor {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final CompactorOptions options;
    private long sstCounter;
    /** The database's clock: stamps the creation time of the outputs and decides which values' TTLs ran out. */
    private final InstantSource clock;
    /** Whether the last pass merged level 0 (rather than runs): for taking turns. */
    private boolean lastMergedL0;
    private SstCache scratch;
    /** Set while {@link #stop()} waits for a pass: the merge then runs unpaced, to end soon. */
    private volatile boolean hurry;
    private final LongAdder pacedNanos = new LongAdder();

    private DatabaseCompactor(ObjectStore store, String prefix, CompactorOptions options, ManifestLog log, long epoch,
            DatabaseGarbageCollector gc, InstantSource clock) {
        super(log, Role.COMPACTOR, epoch, "compactor", "isle-compact-" + prefix, options.interval(), gc);
        this.store = store;
        this.clock = clock;
        this.layout = new DatabaseLayout(prefix);
        this.options = options;
    }

    public static DatabaseCompactor open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle,
            CompactorOptions options) {
        ManifestLog log = ManifestLog.openClaimed(manifests, isle, Role.COMPACTOR);
        return new DatabaseCompactor(store, prefix, options, log, log.epoch(),
                DatabaseGarbageCollector.open(store, prefix, manifests, isle, options.gc()), isle.clock());
    }

    @Override
    public synchronized boolean runOnce() {
        return collectAfter(compactOnce());
    }

    private boolean compactOnce() {
        // An in-doubt pass that did not land leaves its uploaded outputs as orphans for the GC.
        ManifestState state = latestState();
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
        // Level 0 this deep costs every read a probe per table: merge it at full speed.
        boolean urgent = level0 && tables.size() >= 2 * options.l0Threshold();
        List<String> ids = tables.stream().map(SstMeta::id).toList();
        CompactionJob job = new CompactionJob(level0, ids, tables.stream().mapToLong(SstMeta::size).sum());
        tell(() -> options.listener().started(job));
        List<SstMeta> outputs;
        boolean committed;
        try {
            outputs = merge(tables, dropDead, urgent);
            SortedRun run = outputs.isEmpty() ? null : new SortedRun(state.nextRunId(), outputs);
            // Every input table is named, those of runs merged whole too: replay applies the entry
            // only if all of them are still there, so one removed by retention meanwhile is never
            // brought back by this output (ManifestState.applies).
            committed = commitIfApplicable(new LogOp.Compaction(ids, runIds, run), OptionalLong.empty()).isPresent();
        } catch (RuntimeException e) {
            tell(() -> options.listener().ended(job, List.of(), e));
            throw e;
        }
        if (!committed) {
            List<String> gone = missing(ids);
            tell(() -> options.listener().abandoned(job, gone));
            return false;
        }
        List<String> outputIds = outputs.stream().map(SstMeta::id).toList();
        tell(() -> options.listener().ended(job, outputIds, null));
        return true;
    }

    /** The inputs no longer in the database (removed by retention while they were merged). */
    private List<String> missing(List<String> ids) {
        Set<String> present = log.state().tableIds();
        return ids.stream().filter(id -> !present.contains(id)).toList();
    }

    /** Merges the tables into outputs, uploaded and ordered by key; empty if nothing survives. */
    private List<SstMeta> merge(List<SstMeta> inputs, boolean dropDead, boolean urgent) {
        CompactionPace pace = urgent ? CompactionPace.unpaced()
                : new CompactionPace(options.maxBytesPerSecond(), System::nanoTime, CompactionPace.THREAD_SLEEP, () -> hurry);
        long now = clock.millis();
        // The compactor has no LSN extractor: the inputs' bounds bound every output (a lower low
        // watermark than the exact one is safe: it only says less is gone than is).
        OptionalLong minLsn = SstMeta.lowestLsn(inputs);
        OptionalLong maxLsn = SstMeta.highestLsn(inputs);
        long inputBytes = inputs.stream().mapToLong(SstMeta::size).sum();
        List<SstMeta> outputs = new ArrayList<>();
        List<CachedSst> inputHandles = new ArrayList<>(inputs.size());
        try {
            List<SstIterator> iterators = new ArrayList<>(inputs.size());
            boolean spill = inputBytes > options.memoryInputBytes();
            for (SstMeta meta : inputs) {
                SstIterator it;
                if (spill) {
                    CachedSst input = scratch().acquire(meta, store, layout.sstKey(meta.id()));
                    inputHandles.add(input);
                    input.advise(AccessAdvice.SEQUENTIAL);
                    it = input.reader().iterator();
                } else {
                    it = DownloadedSst.open(store, layout, meta).iterator();
                }
                it.seekToFirst();
                iterators.add(it);
            }
            NewestVersions versions = new NewestVersions(iterators);
            SstBuilder out = null;
            while (versions.next()) {
                pace.admit(versions.internalKey().byteSize() + versions.value().byteSize());
                // A constant description: a string built per entry would cost an allocation per merged entry.
                boolean dead = versions.kind() == EntryKind.DELETE
                        || StoredValue.decode(versions.value(), "a value of a compaction input").isDeadAt(now);
                if (dead && dropDead) {
                    continue;
                }
                if (out == null) {
                    out = new SstBuilder(nextId(), options.blockBytes(), Math.min(options.targetSstBytes(), inputBytes), clock,
                            BuildThreads.sealers());
                }
                // The builder copies the entry: the segments are the input's, valid until versions moves on.
                out.add(versions.internalKey(), versions.value());
                if (out.bytesWritten() >= options.targetSstBytes()) {
                    outputs.add(upload(out, minLsn, maxLsn));
                    out = null;
                }
            }
            if (out != null) {
                outputs.add(upload(out, minLsn, maxLsn));
            }
        } catch (SstCorruptionException e) {
            throw SstFailures.toLode(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodeException(ErrorCode.IO, "interrupted while a compaction waited for its pace; its outputs are orphans"
                    + " the garbage collector deletes", e, true);
        } finally {
            pacedNanos.add(pace.sleptNanos());
            inputHandles.forEach(CachedSst::close); // with a budget of 0 bytes, their files go at once
        }
        return outputs;
    }

    /**
     * The directory inputs are streamed into (verified against their manifest checksums) and mapped
     * from, so a merge of any size holds none of them on the heap: a temporary directory, removed
     * when the compactor closes.
     */
    private SstCache scratch() {
        if (scratch == null) {
            try {
                scratch = SstCache.open(Files.createTempDirectory("lode-compactor-"), 0);
            } catch (IOException e) {
                throw new LodeException(ErrorCode.IO, "cannot create a scratch directory for compaction inputs in "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
        }
        return scratch;
    }

    private String nextId() {
        return "c" + epoch() + "-" + String.format("%08d", ++sstCounter);
    }

    private SstMeta upload(SstBuilder builder, OptionalLong minLsn, OptionalLong maxLsn) {
        SstBuilder.Built built = builder.finish();
        store.put(layout.sstKey(built.meta().id()), ObjectBody.of(built.bytes()), PutMode.CREATE);
        return built.meta().withLsns(minLsn, maxLsn);
    }

    @Override
    void backgroundPass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            tell(() -> options.listener().failed(e));
            throw e;
        }
    }

    @Override
    public Duration pacedTime() {
        return Duration.ofNanos(pacedNanos.sum());
    }

    @Override
    public void stop() {
        hurry = true;
        try {
            super.stop();
        } finally {
            hurry = false;
        }
    }

    @Override
    public void close() {
        super.close();
        synchronized (this) {
            if (scratch != null) {
                scratch.close();
                deleteQuietly(scratch.directory());
                scratch = null;
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the system cleans it up in the end
        }
    }
}
