package io.lode.isle.manifest;

import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code manifest/CURRENT}: where a reader starts (the latest snapshot) and what the log held when
 * it was written. A hint only: the log decides, and readers always probe past {@link #nextSeqHint}.
 *
 * @param snapshotId the latest snapshot's id, or null before the first
 * @param snapshotSeq the log position that snapshot covers (0 without one)
 * @param nextSeqHint one past the last log entry its writer knew of
 * @param fences the latest claims its writer knew of
 * @param maxCommittedLsn see {@link ManifestState#maxCommittedLsn()}
 * @param lowWatermarkLsn see {@link ManifestState#lowWatermarkLsn()}
 */
public record CurrentHint(String snapshotId, long snapshotSeq, long nextSeqHint, Map<Role, Fence> fences,
        OptionalLong maxCommittedLsn, OptionalLong lowWatermarkLsn) {

    public CurrentHint {
        fences = Map.copyOf(fences);
    }

    /** The hint that describes {@code state}, with the given snapshot. */
    static CurrentHint of(ManifestState state, String snapshotId, long snapshotSeq) {
        return new CurrentHint(snapshotId, snapshotSeq, state.logSeq() + 1, state.fences(), state.maxCommittedLsn(),
                state.lowWatermarkLsn());
    }

    /** This hint merged with a newer-or-older one: every field only moves forward. */
    CurrentHint mergedWith(CurrentHint other) {
        boolean otherSnapshot = other.snapshotSeq > snapshotSeq;
        Map<Role, Fence> merged = new java.util.EnumMap<>(Role.class);
        merged.putAll(fences);
        other.fences.forEach((role, f) -> merged.merge(role, f, (a, b) -> a.epoch() >= b.epoch() ? a : b));
        return new CurrentHint(otherSnapshot ? other.snapshotId : snapshotId, Math.max(snapshotSeq, other.snapshotSeq),
                Math.max(nextSeqHint, other.nextSeqHint), merged, ManifestState.max(maxCommittedLsn, other.maxCommittedLsn),
                ManifestState.max(lowWatermarkLsn, other.lowWatermarkLsn));
    }
}
