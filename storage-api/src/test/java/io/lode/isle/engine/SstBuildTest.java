package io.lode.isle.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.core.memtable.Memtable;
import io.lode.core.memtable.MemtableIterator;
import io.lode.isle.CommittedLsnExtractor;
import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.value.StoredValue;
import io.lode.sst.SstIterator;
import io.lode.sst.SstReader;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A flushed memtable becomes one table holding every version of every entry, described exactly by
 * its metadata, whether one thread built it or (from {@link SstBuild#PARALLEL_MIN_ENTRIES} entries,
 * on more than one core) two built its halves at once.
 */
class SstBuildTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-21T10:00:00Z"));

    @Test
    void aSmallFlushAndALargeOneHoldEveryEntryAndDescribeItExactly() {
        for (int keys : new int[] {10, SstBuild.PARALLEL_MIN_ENTRIES * 3}) {
            try (Memtable memtable = Memtable.create(64 << 20)) {
                long sequence = 0;
                // Keys 1000.. as big-endian longs (so they are LSNs); every seventh key twice, the
                // newer a deletion; only keys in the last tenth carry blob references.
                for (long k = 1000; k < 1000 + keys; k++) {
                    boolean blob = k >= 1000 + keys - keys / 10 && k % 3 == 0;
                    byte[] value = blob ? StoredValue.blobRef(new byte[StoredValue.BLOB_ID_BYTES], 0)
                            : StoredValue.inline(new byte[] {(byte) k, 1, 2, 3}, 0);
                    memtable.put(key(k), ++sequence, MemorySegment.ofArray(value));
                    if (k % 7 == 0) {
                        memtable.delete(key(k), ++sequence);
                    }
                }
                SstBuild build = SstBuild.of(memtable, "t", 4096, CommittedLsnExtractor.bigEndianLong(), CLOCK);

                SstReader reader = SstReader.open("t", build.bytes());
                SstIterator table = reader.iterator();
                table.seekToFirst();
                MemtableIterator source = memtable.iterator();
                for (source.seekToFirst(); source.isValid(); source.next(), table.next()) {
                    assertTrue(table.isValid());
                    assertArrayEquals(bytes(source.userKey()), bytes(table.userKey()));
                    assertEquals(source.sequence(), table.sequence());
                    assertEquals(source.kind(), table.kind());
                    assertArrayEquals(bytes(source.value()), bytes(table.value()));
                }
                assertFalse(table.isValid());

                var meta = build.meta();
                assertEquals(memtable.entryCount(), meta.entries());
                assertEquals(1, meta.seqLo());
                assertEquals(sequence, meta.seqHi());
                assertArrayEquals(bytes(key(1000)), meta.minKey());
                assertArrayEquals(bytes(key(1000 + keys - 1)), meta.maxKey());
                assertEquals(OptionalLong.of(1000), meta.minLsn());
                assertEquals(OptionalLong.of(1000 + keys - 1), meta.maxLsn());
                assertEquals(keys > 10, meta.hasBlobRefs(), "blob references only in the second half");
                assertEquals(build.bytes().byteSize(), meta.size());
                assertEquals(SstChecksum.of(build.bytes()), meta.checksum());
                assertEquals(CLOCK.instant(), meta.createdAt());
                assertEquals(EntryKind.DELETE, reader.get(key(1001)).kind()); // 1001 = 7 * 143: deleted after its put
            }
        }
    }

    private static MemorySegment key(long k) {
        return MemorySegment.ofArray(ByteBuffer.allocate(8).putLong(k).array());
    }

    private static byte[] bytes(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }
}
