package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Which tables retention removes (the rules {@link io.lode.isle.RetentionOptions} documents): the
 * selection arithmetic only, apart from committing, so it is tested with exact clocks. Ages are by {@link SstMeta#createdAt()};
 * a compaction gives its outputs a fresh one, so compacted data looks young to retention.
 */
final class RetentionPolicy {
    /**
     * Oldest first: by creation time, and tables created in the same instant by their newest
     * sequence number, then id, so that the selection never depends on the order of the manifest.
     */
    static final Comparator<SstMeta> AGE = Comparator.comparing(SstMeta::createdAt).thenComparingLong(SstMeta::seqHi)
            .thenComparing(SstMeta::id);

    private RetentionPolicy() {}

    /** {@code now - period}; a period reaching before the earliest instant keeps everything. */
    private static Instant cutoff(Instant now, Duration period) {
        try {
            return now.minus(period);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    /**
     * FIFO: the oldest tables created strictly before {@code now - period}, always keeping the
     * {@code count} newest tables (by count, not bytes).
     *
     * @param tables every table of the state (level 0 and runs), in any order
     * @return the tables to remove, oldest first
     */
    static List<SstMeta> byAge(List<SstMeta> tables, Instant now, Duration period, int count) {
        List<SstMeta> sorted = new ArrayList<>(tables);
        sorted.sort(AGE);
        Instant cutoff = cutoff(now, period);
        int keep = Math.min(sorted.size(), Math.max(0, count));
        List<SstMeta> selected = new ArrayList<>();
        for (int i = 0; sorted.size() - i > keep; i++) {
            if (sorted.get(i).createdAt().isBefore(cutoff)) {
                selected.add(sorted.get(i));
            }
        }
        return selected;
    }

    /**
     * Time windows: tables are bucketed into segments of {@code segment}, floored on the Unix epoch
     * (not Go's year 1, which the reference uses: the two agree for segments that divide a day;
     * a 7-day segment here starts on a Thursday, as 1970-01-01 was). Whole segments that ended
     * strictly before {@code now - period} are removed, oldest first, always keeping at least
     * {@code max(1, count / 10)} segments.
     *
     * @return the tables to remove, oldest segment first
     */
    static List<SstMeta> byTimeWindow(List<SstMeta> tables, Instant now, Duration period, Duration segment, int count) {
        long segmentMillis = segment.toMillis();
        TreeMap<Long, List<SstMeta>> segments = new TreeMap<>();
        for (SstMeta t : tables) {
            long start = Math.floorDiv(t.createdAt().toEpochMilli(), segmentMillis) * segmentMillis;
            segments.computeIfAbsent(start, s -> new ArrayList<>()).add(t);
        }
        int minSegments = Math.max(1, count / 10);
        Instant cutoff = cutoff(now, period);
        List<SstMeta> selected = new ArrayList<>();
        int remaining = segments.size();
        for (var e : segments.entrySet()) {
            if (remaining <= minSegments) {
                break;
            }
            if (Instant.ofEpochMilli(e.getKey() + segmentMillis).isBefore(cutoff)) {
                selected.addAll(e.getValue());
            }
            remaining--;
        }
        return selected;
    }
}
