package io.lode.isle.manifest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

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
 */
public record SstMeta(String id, long seqLo, long seqHi, byte[] minKey, byte[] maxKey, long size, String checksum,
        long entries, boolean hasBlobRefs, Instant createdAt) {

    public SstMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(minKey, "minKey");
        Objects.requireNonNull(maxKey, "maxKey");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SstMeta s && id.equals(s.id) && seqLo == s.seqLo && seqHi == s.seqHi
                && Arrays.equals(minKey, s.minKey) && Arrays.equals(maxKey, s.maxKey) && size == s.size
                && checksum.equals(s.checksum) && entries == s.entries && hasBlobRefs == s.hasBlobRefs
                && createdAt.equals(s.createdAt);
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
