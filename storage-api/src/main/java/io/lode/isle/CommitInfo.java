package io.lode.isle;

import java.util.List;

/**
 * What a {@link IsleWriter#flush()} made durable.
 *
 * @param logSeq the manifest log position of the commit (the previous one when nothing was flushed)
 * @param sstIds the SSTs it published, oldest first; empty when there was nothing to flush
 * @param entries the puts and deletes they hold
 * @param maxSequence the highest sequence number made durable so far
 */
public record CommitInfo(long logSeq, List<String> sstIds, long entries, long maxSequence) {
    public CommitInfo {
        sstIds = List.copyOf(sstIds);
    }
}
