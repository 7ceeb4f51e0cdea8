package io.lode.isle;

/**
 * What one garbage-collection pass did.
 *
 * @param marked objects newly found unreferenced (they are deleted after the grace period)
 * @param sstsDeleted tables deleted
 * @param blobsDeleted blobs deleted
 * @param logEntriesDeleted manifest log entries deleted (covered by an older-than-grace snapshot)
 * @param snapshotsDeleted manifest snapshots deleted (superseded by one older than the grace period)
 */
public record GcReport(int marked, int sstsDeleted, int blobsDeleted, int logEntriesDeleted, int snapshotsDeleted) {
    /** A pass that did nothing. */
    public static final GcReport NONE = new GcReport(0, 0, 0, 0, 0);

    /** The sum of two passes. */
    public GcReport plus(GcReport o) {
        return new GcReport(marked + o.marked, sstsDeleted + o.sstsDeleted, blobsDeleted + o.blobsDeleted,
                logEntriesDeleted + o.logEntriesDeleted, snapshotsDeleted + o.snapshotsDeleted);
    }
}
