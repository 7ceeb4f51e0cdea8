package io.lode.isle.manifest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the manifest records of one SST object ({@code sstable/<id>}).
 *
 * @param id the object name below {@code sstable/}; never reused
 * @param seqLo the lowest sequence number in the table
 * @param seqHi the highest sequence number in the table
 * @param minKey the smallest user key
 * @param maxKey the largest user key
 * @param size the object's size in bytes
 * @param checksum a checksum of the whole object ({@code "xxh64:<16 hex>"}), checked when cached
 * @param entries the number of entries (puts and deletes)
 * @param hasBlobRefs whether any value refers to a blob
 * @param createdAt when the table was written
 * @param minLsn the smallest LSN among its keys (see {@link io.lode.isle.CommittedLsnExtractor}), or a
 *     lower bound of it; empty when the database does not track LSNs or no key is one
 * @param maxLsn the largest LSN among its keys, or an upper bound of it; likewise
 */
public record SstMeta(String id, long seqLo, long seqHi, byte[] minKey, byte[] maxKey, long size, String checksum,
        long entries, boolean hasBlobRefs, Instant createdAt, OptionalLong minLsn, OptionalLong maxLsn) {

    public SstMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(minKey, "minKey");
        Objects.requireNonNull(maxKey, "maxKey");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(minLsn, "minLsn");
        Objects.requireNonNull(maxLsn, "maxLsn");
    }

    /** A table whose keys carry no LSNs. */
    public SstMeta(String id, long seqLo, long seqHi, byte[] minKey, byte[] maxKey, long size, String checksum,
            long entries, boolean hasBlobRefs, Instant createdAt) {
        this(id, seqLo, seqHi, minKey, maxKey, size, checksum, entries, hasBlobRefs, createdAt, OptionalLong.empty(),
                OptionalLong.empty());
    }

    /** This table with the given LSN bounds. */
    public SstMeta withLsns(OptionalLong min, OptionalLong max) {
        return new SstMeta(id, seqLo, seqHi, minKey, maxKey, size, checksum, entries, hasBlobRefs, createdAt, min, max);
    }

    /**
     * The smallest {@link #minLsn()} of the tables: the low watermark of a database holding exactly
     * them. The writer's first commit and every retention pass record it, so both compute it here.
     */
    public static OptionalLong lowestLsn(Collection<SstMeta> tables) {
        OptionalLong low = OptionalLong.empty();
        for (SstMeta t : tables) {
            if (t.minLsn.isPresent() && (low.isEmpty() || t.minLsn.getAsLong() < low.getAsLong())) {
                low = t.minLsn;
            }
        }
        return low;
    }

    /** The largest {@link #maxLsn()} of the tables. */
    public static OptionalLong highestLsn(Collection<SstMeta> tables) {
        OptionalLong high = OptionalLong.empty();
        for (SstMeta t : tables) {
            if (t.maxLsn.isPresent() && (high.isEmpty() || t.maxLsn.getAsLong() > high.getAsLong())) {
                high = t.maxLsn;
            }
        }
        return high;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SstMeta s && id.equals(s.id) && seqLo == s.seqLo && seqHi == s.seqHi
                && Arrays.equals(minKey, s.minKey) && Arrays.equals(maxKey, s.maxKey) && size == s.size
                && checksum.equals(s.checksum) && entries == s.entries && hasBlobRefs == s.hasBlobRefs
                && createdAt.equals(s.createdAt) && minLsn.equals(s.minLsn) && maxLsn.equals(s.maxLsn);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SstMeta[" + id + ", seq " + seqLo + ".." + seqHi + ", " + size + " bytes]";
    }
}
