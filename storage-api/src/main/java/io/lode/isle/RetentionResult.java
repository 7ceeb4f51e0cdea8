package io.lode.isle;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one {@link RetentionCompactor#runOnce()} pass removed.
 *
 * @param removedSstIds the tables removed from the database, oldest first (empty if none was due);
 *     their objects stay in the store until the garbage collector deletes them
 * @param removedBytes their total size
 * @param logSeq the log entry that removed them, or the log position the pass looked at if none
 * @param lowWatermarkLsn the lowest LSN the database holds afterwards, if it tracks LSNs
 */
public record RetentionResult(List<String> removedSstIds, long removedBytes, long logSeq, OptionalLong lowWatermarkLsn) {
    public RetentionResult {
        removedSstIds = List.copyOf(removedSstIds);
    }

    /** Whether the pass removed nothing. */
    public boolean isEmpty() {
        return removedSstIds.isEmpty();
    }
}
