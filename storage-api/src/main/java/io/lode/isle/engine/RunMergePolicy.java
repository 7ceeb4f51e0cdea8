package io.lode.isle.engine;

import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import java.util.List;

/**
 * Which sorted runs to merge: the newest window of {@value #MIN_RUNS} to {@value #MAX_RUNS}
 * consecutive runs whose sizes lie within a factor of {@value #SIZE_RATIO} of each other, the
 * longest such window at that position. Consecutive, so the merged run can take the place of its
 * newest input and stay between the runs newer and older than all of its data; similar in size, so
 * a small new run is not rewritten together with a large old one over and over (each byte is
 * rewritten about once per size tier).
 */
final class RunMergePolicy {
    static final int MIN_RUNS = 4;
    static final int MAX_RUNS = 8;
    static final int SIZE_RATIO = 4;

    private RunMergePolicy() {}

    /**
     * @param runs the state's runs, newest first
     * @return the runs to merge, newest first, or an empty list when no window qualifies
     */
    static List<SortedRun> choose(List<SortedRun> runs) {
        for (int start = 0; start + MIN_RUNS <= runs.size(); start++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            int end = start;
            // Grow the window while the sizes stay within the ratio.
            while (end < runs.size() && end - start < MAX_RUNS) {
                long size = bytes(runs.get(end));
                long nextMin = Math.min(min, size);
                long nextMax = Math.max(max, size);
                if (nextMax > SIZE_RATIO * Math.max(1, nextMin)) {
                    break;
                }
                min = nextMin;
                max = nextMax;
                end++;
            }
            if (end - start >= MIN_RUNS) {
                return runs.subList(start, end);
            }
        }
        return List.of();
    }

    static long bytes(SortedRun run) {
        return run.ssts().stream().mapToLong(SstMeta::size).sum();
    }
}
