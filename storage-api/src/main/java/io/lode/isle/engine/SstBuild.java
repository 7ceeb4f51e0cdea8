package io.lode.isle.engine;

import io.lode.isle.cache.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.core.memtable.Memtable;
import io.lode.core.memtable.MemtableIterator;
import io.lode.sst.Compression;
import io.lode.sst.SegmentOutputStream;
import io.lode.sst.SstWriter;
import io.lode.sst.SstWriterOptions;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.OptionalLong;
import io.lode.isle.CommittedLsnExtractor;

/**
 * One frozen memtable turned into SST bytes and the metadata the manifest records of them. Every
 * version of every key goes into the table: readers take the highest sequence number.
 *
 * @param meta what the manifest will say of the table
 * @param bytes the table
 * @param minLsn the smallest LSN among its keys, when an extractor was given and any key is one
 * @param maxLsn the largest LSN among its keys, likewise
 */
record SstBuild(SstMeta meta, MemorySegment bytes, OptionalLong minLsn, OptionalLong maxLsn) {
    private static final int BLOB_MARKER = 0x03;

    static SstBuild of(Memtable memtable, String id, int blockBytes, CommittedLsnExtractor lsns) {
        SstWriterOptions options = SstWriterOptions.defaults().withBlockSize(blockBytes).withCompression(Compression.LZ4);
        SegmentOutputStream out = new SegmentOutputStream((int) Math.min(Integer.MAX_VALUE - 8, memtable.allocatedBytes() + 4096));
        byte[] minKey = null;
        MemorySegment lastKey = null;
        long seqLo = Long.MAX_VALUE;
        long seqHi = 0;
        boolean blobRefs = false;
        long entries;
        OptionalLong minLsn = OptionalLong.empty();
        OptionalLong maxLsn = OptionalLong.empty();
        try (SstWriter writer = SstWriter.toMemory(out, options)) {
            MemtableIterator it = memtable.iterator();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                writer.add(it.internalKey(), it.value());
                if (minKey == null) {
                    minKey = it.userKey().toArray(ValueLayout.JAVA_BYTE);
                }
                lastKey = it.userKey();
                seqLo = Math.min(seqLo, it.sequence());
                seqHi = Math.max(seqHi, it.sequence());
                MemorySegment value = it.value();
                blobRefs |= value.byteSize() > 0 && (value.get(ValueLayout.JAVA_BYTE, 0) & 0x7F) == BLOB_MARKER;
                if (lsns != null) {
                    OptionalLong lsn = lsns.lsnOf(it.userKey().toArray(ValueLayout.JAVA_BYTE));
                    if (lsn.isPresent()) {
                        // keys arrive in ascending order and the extractor preserves it
                        minLsn = minLsn.isPresent() ? minLsn : lsn;
                        maxLsn = lsn;
                    }
                }
            }
            entries = writer.finish().entries();
        }
        MemorySegment bytes = out.toSegment();
        SstMeta meta = new SstMeta(id, seqLo, seqHi, minKey, lastKey.toArray(ValueLayout.JAVA_BYTE), bytes.byteSize(),
                SstChecksum.of(bytes), entries, blobRefs, Instant.now());
        return new SstBuild(meta, bytes, minLsn, maxLsn);
    }
}
