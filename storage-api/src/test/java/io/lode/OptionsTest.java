package io.lode;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.dataset.Checksums;
import io.lode.dataset.Codecs;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.Layout;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetOptions;
import io.lode.isle.CatchUpOptions;
import io.lode.isle.CompactorOptions;
import io.lode.isle.GcOptions;
import io.lode.isle.IsleOptions;
import io.lode.isle.ReaderOptions;
import io.lode.isle.RetentionOptions;
import io.lode.isle.TailOptions;
import io.lode.isle.TailingOptions;
import io.lode.isle.WriterOptions;
import io.lode.isle.manifest.ManifestLog;
import io.lode.volume.VolumeOptions;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every options type of the public API has one shape: an immutable final class with no public
 * constructor, made from a factory ({@code defaults()} and the like) and changed through
 * {@code with} methods that return a new value and check what they are given. So a later version
 * can add an option without breaking a caller, which a record's canonical constructor would.
 */
class OptionsTest {
    private static final List<Class<?>> OPTIONS = List.of(IsleOptions.class, WriterOptions.class, ReaderOptions.class,
            CompactorOptions.class, RetentionOptions.class, GcOptions.class, CatchUpOptions.class, TailOptions.class,
            TailingOptions.class, DatasetOptions.class, ParquetOptions.class, VolumeOptions.class);

    @Test
    void everyOptionsTypeIsAFinalClassWithoutAPublicConstructorOrSetter() {
        for (Class<?> type : OPTIONS) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
            assertFalse(type.isRecord(), type + " is not a record, whose constructor would change with every new option");
            assertEquals(0, type.getConstructors().length, type + " has no public constructor");
            for (var field : type.getDeclaredFields()) {
                assertTrue(Modifier.isFinal(field.getModifiers()), field + " is final");
            }
        }
    }

    @Test
    void aWithMethodReturnsANewValueAndLeavesTheOriginalAsItWas() {
        WriterOptions defaults = WriterOptions.defaults();
        WriterOptions small = defaults.withMemtableBytes(1 << 20);
        assertEquals(1 << 20, small.memtableBytes());
        assertEquals(64L << 20, defaults.memtableBytes());
        assertEquals(defaults.flushInterval(), small.flushInterval(), "the other options are kept");
        assertEquals(small, WriterOptions.defaults().withMemtableBytes(1 << 20), "options are values");
        assertEquals(small.hashCode(), WriterOptions.defaults().withMemtableBytes(1 << 20).hashCode());
        assertNotEquals(defaults, small);
        assertTrue(small.toString().contains("memtableBytes=1048576"), small.toString());
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ReaderOptions reader = ReaderOptions.defaults();
        assertEquals(64L << 20, reader.blobCacheBytes());
        assertEquals(1L << 30, reader.cacheBytes());
        assertTrue(reader.rangeReads(), "a reader's memory follows a budget by default");
        assertEquals(256L << 20, reader.blockCacheBytes());
        assertFalse(reader.tablesInMemory());
        assertNull(reader.cacheDir());
        IsleOptions isle = IsleOptions.defaults();
        assertEquals(64, isle.snapshotEvery());
        assertEquals(16, isle.currentEvery());
        assertNull(isle.manifestStorage());
        CompactorOptions compactor = CompactorOptions.defaults();
        assertEquals(8, compactor.l0Threshold());
        assertEquals(GcOptions.defaults(), compactor.gc());
        GcOptions gc = GcOptions.defaults();
        assertEquals(Duration.ofMinutes(10), gc.gracePeriod());
        assertFalse(GcOptions.off().enabled());
        assertEquals(Duration.ofSeconds(1), TailingOptions.defaults().refreshInterval());
        assertEquals(ReaderOptions.defaults(), TailingOptions.defaults().reader());
        DatasetOptions dataset = DatasetOptions.defaults();
        assertNull(dataset.codec(), "raw blob mode");
        assertEquals("noop", dataset.compressor().name());
        assertNull(dataset.checksum());
        assertNull(VolumeOptions.defaults().checksum());
        ParquetOptions parquet = ParquetOptions.defaults();
        assertEquals(ParquetCompression.SNAPPY, parquet.compression());
        assertEquals(Long.MAX_VALUE, parquet.rowGroupBytes(), "one row group per file");
        assertEquals(Integer.MAX_VALUE, parquet.rowGroupRows());
        assertEquals(Integer.MAX_VALUE, CatchUpOptions.all().limit());
    }

    @Test
    void everyOptionCanBeChangedThroughAWithMethod() {
        assertEquals(1 << 20, ReaderOptions.defaults().withBlobCacheBytes(1 << 20).blobCacheBytes());
        assertEquals(Path.of("/tmp/c"), ReaderOptions.defaults().withCacheDir(Path.of("/tmp/c")).cacheDir());
        assertEquals(Duration.ofMillis(50), TailingOptions.defaults().withRefreshInterval(Duration.ofMillis(50)).refreshInterval());
        ReaderOptions cached = ReaderOptions.defaults().withCacheDir(Path.of("/tmp/c"));
        assertFalse(cached.rangeReads(), "a cache directory replaces range reads");
        assertTrue(cached.withTablesInMemory().tablesInMemory());
        assertNull(cached.withTablesInMemory().cacheDir());
        assertFalse(cached.withTablesInMemory().rangeReads());
        ReaderOptions ranged = cached.withRangeReads(8 << 20);
        assertTrue(ranged.rangeReads());
        assertNull(ranged.cacheDir());
        assertEquals(8 << 20, ranged.blockCacheBytes());
        assertEquals(ranged, TailingOptions.defaults().withReader(ranged).reader());
        assertEquals(Duration.ofMillis(7), TailOptions.every(Duration.ofSeconds(1)).withPollInterval(Duration.ofMillis(7)).pollInterval());
        assertEquals(3, CatchUpOptions.all().withLimit(3).limit());
        DatasetOptions hive = DatasetOptions.defaults().withCodec(Codecs.jsonl()).withLayout(Layout.hive("day"))
                .withChecksum(Checksums.md5());
        assertEquals("jsonl", hive.codec().name());
        assertTrue(hive.layout().partitions());
        assertEquals(Checksums.md5().name(), VolumeOptions.defaults().withChecksum(Checksums.md5()).checksum().name());
        assertEquals(100, ParquetOptions.defaults().withRowGroupRows(100).rowGroupRows());
        assertEquals(ParquetCompression.ZSTD, ParquetOptions.defaults().withRowGroupBytes(4096)
                .withCompression(ParquetCompression.ZSTD).compression(), "settings combine");
    }

    @Test
    void keysAreCopiedInAndOutSoACallerMayReuseItsArrays() {
        byte[] key = {0x00, (byte) 0xFF};
        CatchUpOptions catchUp = CatchUpOptions.all().withMinKey(key).withMaxKey(key).withStartAfterKey(key);
        TailOptions tail = TailOptions.every(Duration.ofSeconds(1)).withMinKey(key).withMaxKey(key).withStartAfterKey(key);
        key[0] = 9;
        assertArrayEquals(new byte[] {0x00, (byte) 0xFF}, catchUp.minKey());
        assertArrayEquals(new byte[] {0x00, (byte) 0xFF}, tail.startAfterKey());
        catchUp.maxKey()[1] = 1;
        assertArrayEquals(new byte[] {0x00, (byte) 0xFF}, catchUp.maxKey());
        assertEquals(catchUp, CatchUpOptions.all().withMinKey(new byte[] {0, -1}).withMaxKey(new byte[] {0, -1})
                .withStartAfterKey(new byte[] {0, -1}), "keys compare by content");
        assertTrue(catchUp.toString().contains("00ff"), catchUp.toString());
    }

    @Test
    void aValueOutOfRangeIsRefusedWithInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> WriterOptions.defaults().withMemtableBytes(1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> WriterOptions.defaults().withFlushInterval(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ReaderOptions.defaults().withBlobCacheBytes(-1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ReaderOptions.defaults().withCacheDir(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> IsleOptions.defaults().withClock(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> IsleOptions.defaults().withSnapshotEvery(0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> CompactorOptions.defaults().withL0Threshold(1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> CompactorOptions.defaults().withGc(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> GcOptions.defaults().withGracePeriod(GcOptions.MIN_GRACE_PERIOD.minusMillis(1)));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> CatchUpOptions.all().withLimit(-1));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> TailOptions.every(Duration.ZERO));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> TailingOptions.defaults().withReader(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> RetentionOptions.byAge(Duration.ZERO, 1).withInterval(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> DatasetOptions.defaults().withCompressor(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ParquetOptions.defaults().withRowGroupRows(0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Codecs.parquet(null));
    }

    @Test
    void readersRecheckTheLogWithinHalfTheShortestGracePeriod() {
        assertEquals(GcOptions.MIN_GRACE_PERIOD, ManifestLog.RECHECK_AFTER.multipliedBy(2),
                "the collector's shortest grace period leaves readers as long again for clock skew");
        assertEquals(GcOptions.MIN_GRACE_PERIOD, GcOptions.defaults().withGracePeriod(GcOptions.MIN_GRACE_PERIOD).gracePeriod());
    }
}
