package io.lode.isle.engine;

import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.sst.Compression;
import io.lode.sst.SegmentOutputStream;
import io.lode.sst.SstPart;
import io.lode.sst.SstWriter;
import io.lode.sst.SstWriterOptions;
import io.lode.sst.TableProperties;
import io.lode.sst.format.InternalKey;
import java.lang.foreign.MemorySegment;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * Builds one SST in memory from entries given in internal-key order, and the manifest metadata of
 * it (key range, sequence range, checksum, whether any value is a blob reference). Shared by
 * flushes (one memtable) and compactions (one slice of a merge), so both describe tables alike.
 */
final class SstBuilder {
    private final String id;
    /** Stamps the table's creation time, which retention measures ages by. */
    private final InstantSource clock;
    /** Where a whole table goes; null for a part. */
    private final SegmentOutputStream out;
    private final SstWriter writer;
    private boolean blobRefs;
    /** What {@link #finishPart()} made, for the table's builder to {@link #append}. */
    private SstPart part;

    /**
     * @param clock the database's ({@code IsleOptions.clock()}): what stamps the table's creation time
     * @param sealing where blocks are compressed and checksummed while the next are built
     *     ({@link BuildThreads#sealers()}), or null to do it on the building thread
     */
    SstBuilder(String id, int blockBytes, long expectedBytes, InstantSource clock, Executor sealing) {
        this.id = id;
        this.clock = clock;
        this.out = new SegmentOutputStream(bufferBytes(expectedBytes));
        this.writer = SstWriter.toMemory(out, writerOptions(blockBytes, sealing));
    }

    private SstBuilder(int blockBytes, long expectedBytes) {
        this.id = null;
        this.clock = null;
        this.out = null;
        this.writer = SstWriter.forPart(writerOptions(blockBytes, null), bufferBytes(expectedBytes));
    }

    /**
     * A builder of the later part of a table, whose entries a builder made with the same block size
     * takes over with {@link #append} once this one is {@link #finishPart() finished}. It seals its
     * blocks itself: it runs beside the table's builder, which leaves no core idle for sealing.
     */
    static SstBuilder forPart(int blockBytes, long expectedBytes) {
        return new SstBuilder(blockBytes, expectedBytes);
    }

    private static SstWriterOptions writerOptions(int blockBytes, Executor sealing) {
        return SstWriterOptions.defaults().withBlockSize(blockBytes).withCompression(Compression.LZ4)
                .withSealingExecutor(sealing);
    }

    private static int bufferBytes(long expectedBytes) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(4096, expectedBytes + 4096));
    }

    /** Adds an entry; entries must come in internal-key order (user key ascending, sequence descending). */
    void add(MemorySegment internalKey, MemorySegment value) {
        writer.add(internalKey, value);
        blobRefs |= StoredValue.isBlobRef(value);
    }

    /** Finishes a builder made by {@link #forPart}: its entries wait for {@link #append}. */
    void finishPart() {
        try (writer) {
            part = writer.finishPart();
        }
    }

    /** Appends the entries of a finished part, whose keys all come after those added here. */
    void append(SstBuilder later) {
        writer.append(later.part);
        blobRefs |= later.blobRefs;
    }

    /** Bytes written so far: what a compaction splits its outputs by. */
    long bytesWritten() {
        return writer.bytesWritten();
    }

    /** Finishes the table; at least one entry must have been added. */
    Built finish() {
        TableProperties table;
        try (writer) {
            table = writer.finish();
        }
        if (table.entries() == 0) {
            throw new IllegalStateException("an SST needs at least one entry");
        }
        MemorySegment bytes = out.toSegment();
        // Key and sequence ranges as the table itself recorded them: the caller's key segments may
        // have been reused by now, and nothing needs counting twice.
        SstMeta meta = new SstMeta(id, table.smallestSequence(), table.largestSequence(), userKeyOf(table.smallestKey()),
                userKeyOf(table.largestKey()),
                bytes.byteSize(), SstChecksum.of(bytes), table.entries(), blobRefs, clock.instant());
        return new Built(meta, bytes);
    }

    private static byte[] userKeyOf(byte[] internalKey) {
        return Arrays.copyOf(internalKey, internalKey.length - InternalKey.TRAILER_BYTES);
    }

    /** A finished table and what the manifest will say of it. */
    record Built(SstMeta meta, MemorySegment bytes) {}
}
