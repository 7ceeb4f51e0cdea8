package io.lode.isle.gc;

import io.lode.isle.ManifestStorage;
import io.lode.isle.manifest.CurrentHint;
import io.lode.isle.manifest.LogEntry;
import io.lode.isle.manifest.ManifestCodec;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The collector's own walk along the manifest log, entry by entry from its checkpoint, so that it
 * sees every change (the state before and after each entry) and not only the latest state. Where
 * it cannot walk (its position is below the snapshot CURRENT names, whose entries may have been
 * collected) it jumps to that snapshot and says so: the removals it skipped are then found by an
 * orphan scan instead.
 */
final class LogReplay {
    /** One applied entry. */
    record Step(LogEntry entry, ManifestState before, ManifestState after) {}

    private final ManifestStorage storage;
    private ManifestState state;
    private boolean jumped;

    private LogReplay(ManifestStorage storage, ManifestState state, boolean jumped) {
        this.storage = storage;
        this.state = state;
        this.jumped = jumped;
    }

    /**
     * A walk positioned at {@code from} (entries up to it were handled by an earlier pass), or at
     * the snapshot {@code hint} names if that is further.
     */
    static LogReplay open(ManifestStorage storage, CurrentHint hint, long from) {
        ManifestState start = hint.snapshotId() == null ? ManifestState.EMPTY : ManifestLog.readSnapshot(storage, hint);
        LogReplay replay = new LogReplay(storage, start, start.logSeq() > from);
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

    /** Jumps to the snapshot {@code hint} names if it lies beyond this position. */
    void catchUpWith(CurrentHint hint) {
        if (hint.snapshotId() != null && hint.snapshotSeq() > state.logSeq()) {
            state = ManifestLog.readSnapshot(storage, hint);
            jumped = true;
        }
    }

    /**
     * Applies at most {@code max} entries, telling {@code onStep} each.
     *
     * @return whether it reached the end of the log
     */
    boolean advance(int max, Consumer<Step> onStep) {
        for (int i = 0; i < max; i++) {
            ManifestState before = state;
            Optional<LogEntry> entry = step();
            if (entry.isEmpty()) {
                return true;
            }
            onStep.accept(new Step(entry.get(), before, state));
        }
        return false;
    }

    private Optional<LogEntry> step() {
        long seq = state.logSeq() + 1;
        Optional<byte[]> bytes = ManifestLog.retried(() -> storage.readLogEntry(seq));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        LogEntry entry = ManifestCodec.decodeLogEntry(bytes.get(), storage.describeLogEntry(seq), seq);
        state = state.apply(entry);
        return Optional.of(entry);
    }

    /** The ids of every table {@code state} references. */
    static Set<String> liveIds(ManifestState state) {
        Set<String> ids = new HashSet<>();
        for (SstMeta s : state.l0()) {
            ids.add(s.id());
        }
        for (SortedRun r : state.runs()) {
            for (SstMeta s : r.ssts()) {
                ids.add(s.id());
            }
        }
        return ids;
    }
}
