package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.RetentionCompactor;
import io.lode.isle.RetentionOptions;
import io.lode.isle.RetentionResult;
import io.lode.isle.gc.DatabaseGarbageCollector;
import io.lode.isle.manifest.LogEntry;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.Role;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.ObjectStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The retention compactor of docs/isle-protocol.md. Opening it claims the retention role, which
 * fences an earlier retention compactor only: the writer and the merge compactor append to the same
 * log, and each reads and skips past the others' entries. A pass selects tables by
 * {@link RetentionPolicy} from the latest state and commits one {@code remove_sstables} entry for
 * them, with the low watermark LSN of what remains. If a merge compaction replaced a selected table
 * first, the entry would no longer apply ({@link ManifestState#applies}); the pass then selects
 * again from the newer state, so it removes exactly what its rule selects from the state its entry
 * is applied to. Each pass ends with a garbage-collection pass ({@link RetentionOptions#gc()}), so
 * a deployment with a retention compactor alone still deletes what it removed, after the grace
 * period.
 */
public final class DatabaseRetention extends MaintenanceCommitter implements RetentionCompactor {
    /** A pass re-selects after each compaction that took a selected table; this bounds the loop. */
    private static final int MAX_SELECTIONS = 100;

    private final RetentionOptions options;
    /** The tables of a removal whose commit failed with an unknown outcome, until a pass learns it. */
    private List<SstMeta> inDoubt;

    /** The database's clock: "now" of the rule, the clock that stamped the tables' creation times. */
    private final InstantSource clock;

    private DatabaseRetention(String prefix, RetentionOptions options, ManifestLog log, long epoch, InstantSource clock,
            DatabaseGarbageCollector gc) {
        super(log, Role.RETENTION, epoch, "retention compactor", "isle-retention-" + prefix, options.interval(), gc);
        this.options = options;
        this.clock = clock;
    }

    public static DatabaseRetention open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle,
            RetentionOptions options) {
        ManifestLog log = ManifestLog.openClaimed(manifests, isle, Role.RETENTION);
        return new DatabaseRetention(prefix, options, log, log.epoch(), isle.clock(),
                DatabaseGarbageCollector.open(store, prefix, manifests, isle, options.gc()));
    }

    @Override
    public synchronized RetentionResult runOnce() {
        return collectAfter(removeOnce());
    }

    private RetentionResult removeOnce() {
        if (inDoubt != null) {
            // The last pass failed with its removal in doubt: if it landed, this pass reports it.
            List<SstMeta> selected = inDoubt;
            Optional<LogEntry> landed = log.resolveInDoubt();
            inDoubt = null;
            if (landed.isPresent()) {
                return removed(selected, landed.get());
            }
        }
        ManifestState state = latestState();
        for (int i = 0; i < MAX_SELECTIONS; i++) {
            List<SstMeta> selected = select(state.tables(), clock.instant());
            if (selected.isEmpty()) {
                return new RetentionResult(List.of(), 0, state.logSeq(), state.lowWatermarkLsn());
            }
            List<String> ids = selected.stream().map(SstMeta::id).toList();
            Optional<LogEntry> entry;
            try {
                entry = commitIfApplicable(new LogOp.RemoveSsts(ids), lowWatermarkWithout(state, ids));
            } catch (LodeException e) {
                if (e.code() != ErrorCode.FENCED) {
                    inDoubt = selected;
                }
                throw e;
            }
            if (entry.isPresent()) {
                return removed(selected, entry.get());
            }
            // A compaction committed below the entry replaced a selected table: select again.
            state = log.state();
        }
        throw new LodeException(ErrorCode.FENCE_CONFLICT, "compactions kept replacing the tables retention selected ("
                + MAX_SELECTIONS + " times); the next pass tries again");
    }

    private RetentionResult removed(List<SstMeta> tables, LogEntry entry) {
        RetentionResult result = new RetentionResult(tables.stream().map(SstMeta::id).toList(),
                tables.stream().mapToLong(SstMeta::size).sum(), entry.seq(), log.state().lowWatermarkLsn());
        tell(() -> options.listener().removed(result));
        return result;
    }

    private List<SstMeta> select(List<SstMeta> tables, Instant now) {
        return switch (options.mode()) {
            case BY_AGE -> RetentionPolicy.byAge(tables, now, options.period(), options.count());
            case BY_TIME_WINDOW -> RetentionPolicy.byTimeWindow(tables, now, options.period(), options.segment(),
                    options.count());
        };
    }

    /**
     * The low watermark once {@code ids} are gone: the lowest LSN the remaining tables hold, or,
     * when none holds one, one above the highest LSN committed (everything up to it is gone). Empty
     * when the database does not track LSNs. Replay keeps the larger of this and the old one.
     */
    private static OptionalLong lowWatermarkWithout(ManifestState state, List<String> ids) {
        Set<String> removed = new HashSet<>(ids);
        List<SstMeta> remaining = state.tables().stream().filter(t -> !removed.contains(t.id())).toList();
        OptionalLong low = SstMeta.lowestLsn(remaining);
        if (low.isEmpty() && state.maxCommittedLsn().isPresent() && state.maxCommittedLsn().getAsLong() < Long.MAX_VALUE) {
            return OptionalLong.of(state.maxCommittedLsn().getAsLong() + 1);
        }
        return low;
    }

    // ------------------------------------------------------------------------------ background

    /** A background pass; its failure is told to the listener (and the pass retried next time). */
    @Override
    void backgroundPass() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            tell(() -> options.listener().failed(e));
            throw e;
        }
    }
}
