package io.lode.isle.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One object found unreferenced and awaiting deletion: a table ({@code sstable/<id>}) or a blob
 * ({@code blobs/.../<id>.blob}).
 *
 * @param id the table id, or the blob's SHA-256 in hex
 * @param firstSeenAt when a collector first found it unreferenced; the grace period runs from here
 * @param lastSeenAt when a collector last found it unreferenced
 * @param firstSeenSeq the log entry that unreferenced it first (0: found by a scan)
 * @param lastSeenSeq the log entry that unreferenced it last (0: found by a scan)
 * @param firstReason why it was first marked: the log op ({@code compaction}, {@code remove_sstables})
 *     or {@code orphan_scan} / {@code blob_scan}
 * @param lastReason why it was last marked
 * @param objectModifiedAt for a blob, the object's last-modified time when it was marked: a writer
 *     that reuses a blob rewrites it, so a later time means "reused since", and the mark is dropped
 */
public record PendingMark(String id, Instant firstSeenAt, Instant lastSeenAt, long firstSeenSeq, long lastSeenSeq,
        String firstReason, String lastReason, Instant objectModifiedAt) {

    public static final String ORPHAN_SCAN = "orphan_scan";
    public static final String BLOB_SCAN = "blob_scan";

    public PendingMark {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(firstReason, "firstReason");
        Objects.requireNonNull(lastReason, "lastReason");
    }

    /** A new mark. */
    static PendingMark first(String id, String reason, long seq, Instant now, Instant objectModifiedAt) {
        return new PendingMark(id, now, now, seq, seq, reason, reason, objectModifiedAt);
    }

    /** This mark seen again: the first sighting (and the grace period) stays. */
    PendingMark seenAgain(String reason, long seq, Instant now) {
        return new PendingMark(id, firstSeenAt, now, firstSeenSeq, seq, firstReason, reason, objectModifiedAt);
    }

    /** When the object may be deleted, if still unreferenced then. */
    Instant dueAt(Duration grace) {
        return firstSeenAt.plus(grace);
    }
}
