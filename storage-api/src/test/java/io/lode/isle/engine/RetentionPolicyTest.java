package io.lode.isle.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.isle.manifest.SstMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention arithmetic with an exact clock: counts, boundaries, exactly-at-the-edge timestamps. */
class RetentionPolicyTest {
    private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    /** One table per creation time, named by its position. */
    private static List<SstMeta> tables(Instant... created) {
        List<SstMeta> out = new ArrayList<>();
        for (int i = 0; i < created.length; i++) {
            out.add(new SstMeta("t" + i, 1, 1, new byte[] {1}, new byte[] {2}, 100, "xxh64:0000000000000000", 1, false,
                    created[i]));
        }
        return out;
    }

    private static List<String> ids(List<SstMeta> tables) {
        return tables.stream().map(SstMeta::id).toList();
    }

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    @Test
    void byAgeRemovesTablesOlderThanThePeriodButKeepsTheNewestCount() {
        List<SstMeta> t = tables(ago(HOUR.multipliedBy(5)), ago(HOUR.multipliedBy(4)), ago(HOUR.multipliedBy(3)), ago(HOUR));
        assertEquals(List.of("t0", "t1", "t2"), ids(RetentionPolicy.byAge(t, NOW, HOUR.multipliedBy(2), 1)), "t3 is young");
        assertEquals(List.of("t0"), ids(RetentionPolicy.byAge(t, NOW, HOUR.multipliedBy(2), 3)), "the 3 newest stay");
        assertEquals(List.of(), ids(RetentionPolicy.byAge(t, NOW, HOUR.multipliedBy(2), 4)));
        assertEquals(List.of(), ids(RetentionPolicy.byAge(t, NOW, HOUR.multipliedBy(2), 10)), "count above the tables");
        assertEquals(List.of("t0", "t1", "t2", "t3"), ids(RetentionPolicy.byAge(t, NOW, Duration.ZERO, 0)));
    }

    @Test
    void byAgeKeepsATableCreatedExactlyAtTheCutoff() {
        List<SstMeta> t = tables(ago(HOUR.plusMillis(1)), ago(HOUR), ago(HOUR.minusMillis(1)));
        assertEquals(List.of("t0"), ids(RetentionPolicy.byAge(t, NOW, HOUR, 0)), "strictly before now - period");
    }

    @Test
    void byAgeOrdersByCreationTimeNotByListOrder() {
        List<SstMeta> t = tables(ago(HOUR), ago(HOUR.multipliedBy(9)), ago(HOUR.multipliedBy(5)));
        assertEquals(List.of("t1", "t2"), ids(RetentionPolicy.byAge(t, NOW, Duration.ZERO, 1)));
    }

    @Test
    void byTimeWindowRemovesWholeSegmentsThatEndedBeforeTheCutoff() {
        // segments of one hour: [09,10) holds t0 and t1, [10,11) t2, [11,12) t3
        List<SstMeta> t = tables(Instant.parse("2026-01-10T09:00:00Z"), Instant.parse("2026-01-10T09:59:59.999Z"),
                Instant.parse("2026-01-10T10:30:00Z"), Instant.parse("2026-01-10T11:00:00Z"));
        assertEquals(List.of("t0", "t1"), ids(RetentionPolicy.byTimeWindow(t, NOW, Duration.ofMinutes(90), HOUR, 0)),
                "[10,11) ends at 11:00, not before the cutoff 10:30");
        assertEquals(List.of("t0", "t1", "t2"), ids(RetentionPolicy.byTimeWindow(t, NOW, Duration.ofMinutes(59), HOUR, 0)));
    }

    @Test
    void byTimeWindowKeepsASegmentEndingExactlyAtTheCutoff() {
        List<SstMeta> t = tables(Instant.parse("2026-01-10T09:00:00Z"), Instant.parse("2026-01-10T10:00:00Z"),
                Instant.parse("2026-01-10T11:00:00Z"));
        // cutoff 11:00: [09,10) ended before it; [10,11) ends exactly at it and stays
        assertEquals(List.of("t0"), ids(RetentionPolicy.byTimeWindow(t, NOW, HOUR, HOUR, 0)));
    }

    @Test
    void byTimeWindowAlwaysKeepsAMinimumOfCountOverTenSegmentsAndAtLeastOne() {
        List<SstMeta> t = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            t.addAll(tables(Instant.parse("2026-01-01T00:00:00Z").plus(HOUR.multipliedBy(h))));
        }
        Duration period = Duration.ZERO; // every segment has ended
        assertEquals(29, RetentionPolicy.byTimeWindow(t, NOW, period, HOUR, 0).size(), "max(1, 0/10) = 1 kept");
        assertEquals(29, RetentionPolicy.byTimeWindow(t, NOW, period, HOUR, 19).size(), "19/10 = 1 kept");
        assertEquals(28, RetentionPolicy.byTimeWindow(t, NOW, period, HOUR, 20).size(), "20/10 = 2 kept");
        assertEquals(0, RetentionPolicy.byTimeWindow(t, NOW, period, HOUR, 300).size(), "30 segments kept");
    }

    @Test
    void theCutoffIsExactBelowAMillisecond() {
        List<SstMeta> t = tables(Instant.parse("2026-01-10T09:00:00Z"), Instant.parse("2026-01-10T11:00:00Z"));
        // t0's segment of 1 ms is [09:00:00.000, 09:00:00.001)
        Instant end = Instant.parse("2026-01-10T09:00:00.001Z");
        assertEquals(List.of(), ids(RetentionPolicy.byTimeWindow(t, end, Duration.ZERO, Duration.ofMillis(1), 0)),
                "a segment ending exactly at the cutoff stays");
        assertEquals(List.of("t0"), ids(RetentionPolicy.byTimeWindow(t, end.plusNanos(1), Duration.ZERO,
                Duration.ofMillis(1), 0)), "one nanosecond later it goes");
        assertEquals(List.of(), ids(RetentionPolicy.byAge(t, Instant.parse("2026-01-10T09:00:00Z"), Duration.ZERO, 0)));
        assertEquals(List.of("t0"), ids(RetentionPolicy.byAge(t, Instant.parse("2026-01-10T09:00:00.000000001Z"),
                Duration.ZERO, 0)));
    }

    @Test
    void aPeriodReachingBeforeTheEarliestInstantKeepsEverything() {
        List<SstMeta> t = tables(ago(HOUR), NOW);
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        assertEquals(List.of(), ids(RetentionPolicy.byAge(t, NOW, forever, 0)));
        assertEquals(List.of(), ids(RetentionPolicy.byTimeWindow(t, NOW, forever, HOUR, 0)));
    }

    @Test
    void segmentsAreFlooredOnTheUnixEpoch() {
        // a 7-day segment starts on Thursday 1970-01-01 and every 7 days after: 2026-01-08 is a Thursday
        List<SstMeta> t = tables(Instant.parse("2026-01-07T23:59:59Z"), Instant.parse("2026-01-08T00:00:00Z"));
        Instant now = Instant.parse("2026-01-20T00:00:00Z");
        assertEquals(List.of("t0"), ids(RetentionPolicy.byTimeWindow(t, now, Duration.ofDays(5), Duration.ofDays(7), 0)),
                "[01-01,01-08) ended before 01-15; [01-08,01-15) ends exactly at it");
    }
}
