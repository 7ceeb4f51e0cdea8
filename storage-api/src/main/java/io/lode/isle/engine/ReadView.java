package io.lode.isle.engine;

import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import io.lode.sst.Version;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The tables of one manifest state, ready to read: level 0 newest first, then each sorted run.
 * Immutable; a reader swaps in a new view on refresh, and cursors keep the one they started on.
 *
 * @param state the manifest state
 * @param level0 level-0 tables, newest first
 * @param runs sorted runs, newest first, each ordered by key
 */
record ReadView(ManifestState state, List<Table> level0, List<List<Table>> runs) {

    static ReadView of(ManifestState state, Function<SstMeta, Table> load) {
        List<Table> l0 = new ArrayList<>(state.l0().size());
        for (SstMeta m : state.l0()) {
            l0.add(load.apply(m));
        }
        List<List<Table>> runs = new ArrayList<>(state.runs().size());
        for (SortedRun r : state.runs()) {
            List<Table> run = new ArrayList<>(r.ssts().size());
            for (SstMeta m : r.ssts()) {
                run.add(load.apply(m));
            }
            runs.add(run);
        }
        return new ReadView(state, l0, runs);
    }

    /**
     * The newest version of {@code key} in any table: the highest sequence number wins, never
     * simply the first table that has the key. Tables whose newest sequence number cannot beat the
     * best found so far are not read.
     */
    Version newest(byte[] key) {
        MemorySegment k = MemorySegment.ofArray(key);
        Version best = null;
        for (Table t : level0) {
            best = better(best, t, key, k);
        }
        for (List<Table> run : runs) {
            Table t = candidate(run, key);
            if (t != null) {
                best = better(best, t, key, k);
            }
        }
        return best;
    }

    private static Version better(Version best, Table t, byte[] key, MemorySegment k) {
        if ((best != null && best.sequence() > t.meta().seqHi()) || !t.covers(key)) {
            return best;
        }
        Version v = t.reader().get(k);
        return v != null && (best == null || v.sequence() > best.sequence()) ? v : best;
    }

    /** The one table of a run whose range may hold {@code key}: the first whose max key is not below it. */
    private static Table candidate(List<Table> run, byte[] key) {
        int lo = 0;
        int hi = run.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(run.get(mid).meta().maxKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo < run.size() && run.get(lo).covers(key) ? run.get(lo) : null;
    }

    /** Every table of the view. */
    List<Table> tables() {
        List<Table> all = new ArrayList<>(level0);
        runs.forEach(all::addAll);
        return all;
    }

    /** Every table that may hold keys in [from, to]. */
    List<Table> overlapping(byte[] from, byte[] to) {
        List<Table> out = new ArrayList<>();
        for (Table t : level0) {
            if (t.overlaps(from, to)) {
                out.add(t);
            }
        }
        for (List<Table> run : runs) {
            for (Table t : run) {
                if (t.overlaps(from, to)) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
