package io.lode.isle.manifest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The state of a database as of one log position: which tables it holds, where, and who may commit.
 * Immutable; {@link #apply} returns the next state.
 *
 * @param logSeq the last log entry applied (0: none)
 * @param l0 level-0 tables, newest first
 * @param runs sorted runs, newest first
 * @param nextRunId the id the next sorted run gets
 * @param maxSeq the highest sequence number of any table ever added (sequence numbers continue above it)
 * @param fences the latest fence claim of each role
 * @param maxCommittedLsn the highest committed LSN, when tracked
 * @param lowWatermarkLsn the lowest retained LSN, when tracked
 */
public record ManifestState(long logSeq, List<SstMeta> l0, List<SortedRun> runs, long nextRunId, long maxSeq,
        Map<Role, Fence> fences, OptionalLong maxCommittedLsn, OptionalLong lowWatermarkLsn) {

    /** A database with nothing committed. */
    public static final ManifestState EMPTY = new ManifestState(0, List.of(), List.of(), 1, 0, Map.of(),
            OptionalLong.empty(), OptionalLong.empty());

    public ManifestState {
        l0 = List.copyOf(l0);
        runs = List.copyOf(runs);
        fences = fences.isEmpty() ? Map.of() : Map.copyOf(fences);
    }

    /** The epoch of the latest claim of {@code role}, 0 if none. */
    public long epoch(Role role) {
        Fence f = fences.get(role);
        return f == null ? 0 : f.epoch();
    }

    /**
     * Whether replay applies {@code entry}: a claim only if it raises its role's epoch, any other
     * entry only if its epoch is not below the latest claim of its role. Entries of a committer
     * that was fenced are thereby ignored, whatever position they reached.
     */
    public boolean admits(LogEntry entry) {
        long current = epoch(entry.role());
        return entry.op() instanceof LogOp.FenceClaim ? entry.epoch() > current : entry.epoch() >= current;
    }

    /**
     * Whether replay applies {@code entry} to this state: it is {@linkplain #admits admitted}, and if
     * it removes tables (retention) or replaces them (compaction), every table and run it names is
     * still here. The merge compactor and the retention compactor commit concurrently, so either may
     * find the other's entry below its own: a compaction whose inputs retention removed first would
     * otherwise bring the removed data back in its output, and a removal of tables a compaction
     * already replaced would not remove their data. Such an entry is ignored entirely (a
     * compaction's outputs then belong to no state: orphans for the garbage collector), and its
     * committer, which applies every entry below its own, sees that before acknowledging it.
     */
    public boolean applies(LogEntry entry) {
        if (!admits(entry)) {
            return false;
        }
        return switch (entry.op()) {
            case LogOp.RemoveSsts r -> holdsAll(r.ids(), List.of());
            case LogOp.Compaction c -> holdsAll(c.removeSstIds(), c.removeRunIds());
            case LogOp.FenceClaim f -> true;
            case LogOp.AddSsts a -> true;
        };
    }

    /** Whether every named table (in level 0 or a run) and every named run is here. */
    private boolean holdsAll(List<String> sstIds, List<Long> runIds) {
        Set<Long> runIdsHere = new HashSet<>();
        runs.forEach(r -> runIdsHere.add(r.id()));
        return tableIds().containsAll(sstIds) && runIdsHere.containsAll(runIds);
    }

    /** Every table, level 0 first (newest first), then the runs' (newest run first). */
    public List<SstMeta> tables() {
        List<SstMeta> all = new ArrayList<>(l0);
        runs.forEach(r -> all.addAll(r.ssts()));
        return all;
    }

    /** The ids of every table, in level 0 or a run. */
    public Set<String> tableIds() {
        Set<String> ids = new HashSet<>();
        l0.forEach(t -> ids.add(t.id()));
        runs.forEach(r -> r.ssts().forEach(t -> ids.add(t.id())));
        return ids;
    }

    /** The state after the next entry, which must be at {@code logSeq + 1}. */
    public ManifestState apply(LogEntry entry) {
        if (entry.seq() != logSeq + 1) {
            throw new IllegalArgumentException("entry " + entry.seq() + " does not follow " + logSeq);
        }
        if (!applies(entry)) {
            return new ManifestState(entry.seq(), l0, runs, nextRunId, maxSeq, fences, maxCommittedLsn, lowWatermarkLsn);
        }
        List<SstMeta> nextL0 = l0;
        List<SortedRun> nextRuns = runs;
        long nextRun = nextRunId;
        long nextMaxSeq = maxSeq;
        Map<Role, Fence> nextFences = fences;
        switch (entry.op()) {
            case LogOp.FenceClaim c -> {
                nextFences = new EnumMap<>(Role.class);
                nextFences.putAll(fences);
                nextFences.put(entry.role(), new Fence(entry.epoch(), entry.owner()));
            }
            case LogOp.AddSsts add -> {
                List<SstMeta> l = new ArrayList<>(add.ssts().size() + l0.size());
                for (int i = add.ssts().size() - 1; i >= 0; i--) {
                    l.add(add.ssts().get(i));
                    nextMaxSeq = Math.max(nextMaxSeq, add.ssts().get(i).seqHi());
                }
                l.addAll(l0);
                nextL0 = l;
            }
            case LogOp.RemoveSsts remove -> {
                Set<String> ids = new HashSet<>(remove.ids());
                nextL0 = without(l0, ids);
                nextRuns = without(runs, ids, Set.of(), null);
            }
            case LogOp.Compaction c -> {
                Set<String> ids = new HashSet<>(c.removeSstIds());
                nextL0 = without(l0, ids);
                nextRuns = without(runs, ids, new HashSet<>(c.removeRunIds()), c.addRun());
                if (c.addRun() != null) {
                    nextRun = Math.max(nextRun, c.addRun().id() + 1);
                    for (SstMeta s : c.addRun().ssts()) {
                        nextMaxSeq = Math.max(nextMaxSeq, s.seqHi());
                    }
                }
            }
        }
        return new ManifestState(entry.seq(), nextL0, nextRuns, nextRun, nextMaxSeq, nextFences,
                max(maxCommittedLsn, entry.maxCommittedLsn()), max(lowWatermarkLsn, entry.lowWatermarkLsn()));
    }

    private static List<SstMeta> without(List<SstMeta> ssts, Set<String> ids) {
        List<SstMeta> kept = new ArrayList<>(ssts.size());
        for (SstMeta s : ssts) {
            if (!ids.contains(s.id())) {
                kept.add(s);
            }
        }
        return kept;
    }

    /**
     * Runs without the removed tables and runs; a new run takes the place of the newest run it
     * replaces (or the front, when it only replaces level-0 tables), so newer data stays in front.
     */
    private static List<SortedRun> without(List<SortedRun> runs, Set<String> ids, Set<Long> runIds, SortedRun added) {
        List<SortedRun> kept = new ArrayList<>(runs.size() + 1);
        int insertAt = -1;
        for (SortedRun r : runs) {
            boolean touched = runIds.contains(r.id()) || r.ssts().stream().anyMatch(s -> ids.contains(s.id()));
            if (touched && insertAt < 0) {
                insertAt = kept.size();
            }
            if (runIds.contains(r.id())) {
                continue;
            }
            List<SstMeta> rest = without(r.ssts(), ids);
            if (!rest.isEmpty()) {
                kept.add(rest.size() == r.ssts().size() ? r : new SortedRun(r.id(), rest));
            }
        }
        if (added != null) {
            kept.add(insertAt < 0 ? 0 : insertAt, added);
        }
        return kept;
    }

    /** The larger of two optional values; absent counts as smaller than any. */
    static OptionalLong max(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
    }
}
