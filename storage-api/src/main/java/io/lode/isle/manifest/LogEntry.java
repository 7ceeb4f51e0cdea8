package io.lode.isle.manifest;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * One committed change: the object {@code manifest/log/<seq>.json}, created once; its existence is
 * the commit.
 *
 * @param seq the log position, equal to the object's number
 * @param role the committer's role
 * @param epoch the committer's fence epoch (for a claim: the epoch it claims)
 * @param owner the committer's id
 * @param nonce unique per commit attempt, so a committer recognises its own entry after a retry
 * @param time when it was committed
 * @param op the change
 * @param maxCommittedLsn the highest committed LSN after this entry, if the database tracks LSNs
 * @param lowWatermarkLsn the lowest LSN still held, if the database tracks LSNs
 */
public record LogEntry(long seq, Role role, long epoch, String owner, String nonce, Instant time, LogOp op,
        OptionalLong maxCommittedLsn, OptionalLong lowWatermarkLsn) {}
