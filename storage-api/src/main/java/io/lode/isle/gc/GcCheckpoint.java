package io.lode.isle.gc;

import io.lode.isle.manifest.ManifestLog;
import java.time.Instant;

/**
 * The collectors' progress, {@code manifest/gc/checkpoint.json}. Every field only moves forward, so
 * two collectors that store it at once never move it back.
 *
 * @param lastAppliedSeq the last log entry whose removals are in the pending marks
 * @param logCollectedThrough every log entry up to this one has been deleted
 * @param watchedSnapshot the newest snapshot a collector saw named in CURRENT (null: none yet)
 * @param watchedSince when a collector first saw CURRENT name it; the entries and older snapshots
 *     it covers are deleted a grace period after that
 * @param updatedAt when it was last stored
 */
public record GcCheckpoint(long lastAppliedSeq, long logCollectedThrough, String watchedSnapshot, Instant watchedSince,
        Instant updatedAt) {

    public static final GcCheckpoint EMPTY = new GcCheckpoint(0, 0, null, null, Instant.EPOCH);

    public GcCheckpoint {
        if ((watchedSnapshot == null) != (watchedSince == null)) {
            throw new IllegalArgumentException("a watched snapshot needs the time it was seen, and only then");
        }
    }

    long watchedSeq() {
        return watchedSnapshot == null ? 0 : ManifestLog.snapshotSeqOf(watchedSnapshot);
    }

    /** This checkpoint merged with another version of it: the later progress of each field. */
    GcCheckpoint mergedWith(GcCheckpoint other) {
        String snapshot = watchedSnapshot;
        Instant since = watchedSince;
        if (other.watchedSnapshot != null) {
            if (snapshot == null || other.watchedSeq() > watchedSeq()) {
                snapshot = other.watchedSnapshot;
                since = other.watchedSince;
            } else if (other.watchedSnapshot.equals(snapshot) && other.watchedSince.isBefore(since)) {
                since = other.watchedSince; // another collector saw it first: that sighting counts
            }
        }
        return new GcCheckpoint(Math.max(lastAppliedSeq, other.lastAppliedSeq),
                Math.max(logCollectedThrough, other.logCollectedThrough), snapshot, since,
                updatedAt.isAfter(other.updatedAt) ? updatedAt : other.updatedAt);
    }

    GcCheckpoint withApplied(long seq, Instant now) {
        return new GcCheckpoint(seq, logCollectedThrough, watchedSnapshot, watchedSince, now);
    }

    GcCheckpoint withCollectedThrough(long seq, Instant now) {
        return new GcCheckpoint(lastAppliedSeq, seq, watchedSnapshot, watchedSince, now);
    }

    GcCheckpoint watching(String snapshot, Instant now) {
        return new GcCheckpoint(lastAppliedSeq, logCollectedThrough, snapshot, now, now);
    }
}
