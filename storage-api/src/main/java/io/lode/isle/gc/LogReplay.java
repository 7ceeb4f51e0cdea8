package io.lode.isle.gc;

import io.lode.isle.ManifestStorage;
import io.lode.isle.manifest.CurrentHint;
import io.lode.isle.manifest.LogEntry;
import io.lode.isle.manifest.ManifestCodec;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.internal.Retries;
import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The collector's own walk along the manifest log, entry by entry from its checkpoint, so that it
 * sees every change (the state before and after each entry) and not only the latest state. Where
 * it cannot walk (its position is below the snapshot CURRENT names, whose entries may have been
 * collected) it jumps to that snapshot and says so: the removals it skipped are then found by an
 * orphan scan instead. Like {@link ManifestLog}, it trusts a missing entry as the end of the log
 * only within {@link ManifestLog#RECHECK_AFTER} of its last look at CURRENT or at the end; after
 * that it reads CURRENT again, so a pass that stalled while another collector deleted entries it
 * had yet to read never mistakes their absence for the end (and the tables they added for orphans).
 */
final class LogReplay {
    /** One applied entry. */
    record Step(LogEntry entry, ManifestState before, ManifestState after) {}

    private final ManifestStorage storage;
    private final InstantSource clock;
    private final Supplier<CurrentHint> readCurrent;
    private ManifestState state;
    private boolean jumped;
    /** When this walk last saw CURRENT or the end of the log, in clock millis. */
    private long confirmedAt;

    private LogReplay(ManifestStorage storage, InstantSource clock, Supplier<CurrentHint> readCurrent, ManifestState state,
            boolean jumped, long confirmedAt) {
        this.storage = storage;
        this.clock = clock;
        this.readCurrent = readCurrent;
        this.state = state;
        this.jumped = jumped;
        this.confirmedAt = confirmedAt;
    }

    /**
     * A walk positioned at {@code from} (entries up to it were handled by an earlier pass), or at
     * the snapshot {@code hint} names if that is further.
     *
     * @param hint CURRENT, read at {@code readAt} (clock millis)
     * @param readCurrent reads CURRENT again
     */
    static LogReplay open(ManifestStorage storage, InstantSource clock, Supplier<CurrentHint> readCurrent, CurrentHint hint,
            long readAt, long from) {
        ManifestState start = hint.snapshotId() == null ? ManifestState.EMPTY : ManifestLog.readSnapshot(storage, hint);
        LogReplay replay = new LogReplay(storage, clock, readCurrent, start, start.logSeq() > from, readAt);
        while (replay.state.logSeq() < from && replay.step().isPresent()) {
            // handled before: applied without telling anyone
        }
        return replay;
    }

    ManifestState state() {
        return state;
    }

    long position() {
        return state.logSeq();
    }

    /** Whether positions were skipped since the last call (their removals are unknown). */
    boolean takeJumped() {
        boolean j = jumped;
        jumped = false;
        return j;
    }

    /**
     * Jumps to the snapshot {@code hint} names if it lies beyond this position.
     *
     * @param readAt when {@code hint} was read (clock millis)
     * @return whether it jumped
     */
    boolean catchUpWith(CurrentHint hint, long readAt) {
        confirmedAt = Math.max(confirmedAt, readAt);
        if (hint.snapshotId() != null && hint.snapshotSeq() > state.logSeq()) {
            state = ManifestLog.readSnapshot(storage, hint);
            jumped = true;
            return true;
        }
        return false;
    }

    /**
     * Applies at most {@code max} entries, telling {@code onStep} each.
     *
     * @return whether it reached the end of the log
     */
    boolean advance(int max, Consumer<Step> onStep) {
        for (int i = 0; i < max; i++) {
            ManifestState before = state;
            long at = clock.millis();
            Optional<LogEntry> entry = step();
            if (entry.isPresent()) {
                onStep.accept(new Step(entry.get(), before, state));
                continue;
            }
            if (at - confirmedAt <= ManifestLog.RECHECK_AFTER.toMillis()) {
                confirmedAt = at;
                return true;
            }
            // A missing entry after a long pause may have been collected: CURRENT tells.
            long readAt = clock.millis();
            if (!catchUpWith(readCurrent.get(), readAt)) {
                return true;
            }
        }
        return false;
    }

    private Optional<LogEntry> step() {
        long seq = state.logSeq() + 1;
        Optional<byte[]> bytes = Retries.retried(() -> storage.readLogEntry(seq));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        LogEntry entry = ManifestCodec.decodeLogEntry(bytes.get(), storage.describeLogEntry(seq), seq);
        state = state.apply(entry);
        return Optional.of(entry);
    }
}
