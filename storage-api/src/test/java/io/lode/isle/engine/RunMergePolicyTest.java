package io.lode.isle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.isle.manifest.SortedRun;
import io.lode.isle.manifest.SstMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs are merged: 4 to 8 consecutive ones within a 4× size ratio, the newest such window first. */
class RunMergePolicyTest {

    /** Runs newest first, of the given sizes, with ids 1, 2, ... */
    private static List<SortedRun> runs(long... sizes) {
        List<SortedRun> runs = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            SstMeta t = new SstMeta("t" + i, 1, 1, new byte[] {1}, new byte[] {2}, sizes[i], "xxh64:0000000000000000", 1,
                    false, Instant.EPOCH);
            runs.add(new SortedRun(i + 1, List.of(t)));
        }
        return runs;
    }

    private static List<Long> chosen(long... sizes) {
        return RunMergePolicy.choose(runs(sizes)).stream().map(SortedRun::id).toList();
    }

    @Test
    void fewerThanFourRunsAreNeverMerged() {
        assertEquals(List.of(), chosen());
        assertEquals(List.of(), chosen(10, 10, 10));
    }

    @Test
    void fourToEightSimilarRunsAreMergedAndNeverMoreThanEight() {
        assertEquals(List.of(1L, 2L, 3L, 4L), chosen(10, 10, 10, 10));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), chosen(10, 10, 10, 10, 10, 10, 10, 10, 10, 10));
    }

    @Test
    void theSizeRatioIsFourTimesInclusive() {
        assertEquals(List.of(1L, 2L, 3L, 4L), chosen(10, 40, 20, 10));
        assertEquals(List.of(), chosen(10, 41, 20, 10));
    }

    @Test
    void aWindowBehindTheNewestRunIsTakenWhenTheNewestDoesNotFit() {
        assertEquals(List.of(2L, 3L, 4L, 5L), chosen(1_000, 10, 10, 10, 10));
        assertEquals(List.of(2L, 3L, 4L, 5L), chosen(10, 1_000, 1_000, 1_000, 1_000, 5));
    }
}
