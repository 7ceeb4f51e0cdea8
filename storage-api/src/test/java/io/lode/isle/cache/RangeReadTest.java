package io.lode.isle.cache;

import static io.lode.isle.cache.SstFixtures.key;
import static io.lode.isle.cache.SstFixtures.objectKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ObjectBody;
import io.lode.spi.PutMode;
import io.lode.sst.Compression;
import io.lode.sst.SstReader;
import io.lode.sst.Version;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RangeReadTest {
    private static final int KEYS = 3_000;

    private LodeConnection connection;
    private InstrumentedStore store;

    @BeforeEach
    void connect() {
        connection = Lode.connect("lode:mem:rangeread-" + UUID.randomUUID());
        store = new InstrumentedStore(connection.store());
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void rangedReadsThroughTheBlockCacheAnswerLikeTheWholeFileAndRepeatFromMemory(Compression compression) {
        byte[] table = SstFixtures.table("9-000001", KEYS, compression);
        SstMeta meta = SstFixtures.upload(connection.store(), "9-000001", table);
        SstReader whole = SstReader.open(meta.id(), MemorySegment.ofArray(table));
        OffHeapBlockCache cache = new OffHeapBlockCache(1 << 20);
        SstReader ranged = new ObjectStoreSstSource(store, objectKey(meta.id()), meta.size()).openReader(cache, 1);
        assertEquals(1, store.count("getRange"), "opening reads the footer, index and filter in one request: the tail");
        assertEquals(0, store.count("get") + store.count("openStream"), "never the whole object");

        int firstPass = lookUpAll(whole, ranged);
        assertTrue(firstPass > 0, "the first pass reads data blocks by range");
        assertTrue(cache.sizeBytes() > 0);

        long requestsBefore = store.total();
        lookUpAll(whole, ranged);
        assertEquals(requestsBefore, store.total(), "the second pass is served from the block cache");
    }

    /** Present keys and absent ones (between and beyond them); returns the ranged GETs made. */
    private int lookUpAll(SstReader whole, SstReader ranged) {
        int before = store.count("getRange");
        for (int i = 0; i < KEYS + 10; i++) {
            assertSameVersion(whole.get(key(i)), ranged.get(key(i)));
            MemorySegment absent = SstFixtures.utf8(String.format("key-%06d+", i));
            assertSameVersion(whole.get(absent), ranged.get(absent));
        }
        return store.count("getRange") - before;
    }

    private static void assertSameVersion(Version expected, Version actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertEquals(expected.sequence(), actual.sequence());
        assertEquals(expected.kind(), actual.kind());
        assertArrayEquals(expected.value().toArray(ValueLayout.JAVA_BYTE), actual.value().toArray(ValueLayout.JAVA_BYTE));
    }

    /**
     * On the file store a miss reads its block into a buffer that the next miss reuses, and
     * decompresses it into another: a block the cache keeps is its own copy, and one it does not
     * keep (a cache of no bytes, a block larger than a slab) is copied out first, so no answer ever
     * changes under a caller that holds it.
     */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void missesOnTheFileStoreReuseReadBuffersWithoutChangingAnAnswerAlreadyGiven(Compression compression, @TempDir Path dir) {
        try (LodeConnection files = Lode.connect("lode:file:" + dir)) {
            byte[] table = SstFixtures.table("9-000003", KEYS, compression);
            SstMeta meta = SstFixtures.upload(files.store(), "9-000003", table);
            SstReader whole = SstReader.open(meta.id(), MemorySegment.ofArray(table));
            for (OffHeapBlockCache cache : List.of(new OffHeapBlockCache(1 << 20), new OffHeapBlockCache(0))) {
                SstReader ranged = new ObjectStoreSstSource(files.store(), objectKey(meta.id()), meta.size()).openReader(cache, 3);
                List<Version> held = new ArrayList<>();
                for (int i = 0; i < KEYS; i += 7) {
                    held.add(ranged.get(key(i))); // each a slice of its block, kept while later misses read
                }
                for (int i = 0, h = 0; i < KEYS; i += 7, h++) {
                    assertSameVersion(whole.get(key(i)), held.get(h));
                }
            }
        }
    }

    /**
     * A deterministic cost: a pass of gets that miss allocates, beyond what the same gets allocate
     * when they hit, less heap than half the bytes of the blocks it reads (what remains is the
     * entries of the cache and each block's decoded restart points), where a miss used to allocate
     * the block twice over: once read, once decompressed.
     */
    @Test
    void aMissOnTheFileStoreAllocatesNoBlockOnTheHeap(@TempDir Path dir) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LodeConnection files = Lode.connect("lode:file:" + dir)) {
            byte[] table = SstFixtures.table("9-000004", 20_000, Compression.LZ4);
            SstMeta meta = SstFixtures.upload(files.store(), "9-000004", table);
            List<MemorySegment> keys = new ArrayList<>();
            for (int i = 0; i < 20_000; i += 10) {
                keys.add(key(i));
            }
            for (int pass = 0; pass < 3; pass++) { // the last pass measures; the others warm the code up
                OffHeapBlockCache cache = new OffHeapBlockCache(64L << 20);
                SstReader ranged = new ObjectStoreSstSource(files.store(), objectKey(meta.id()), meta.size()).openReader(cache, 4);
                long before = threads.getCurrentThreadAllocatedBytes();
                keys.forEach(ranged::get);
                long missing = threads.getCurrentThreadAllocatedBytes() - before;
                before = threads.getCurrentThreadAllocatedBytes();
                keys.forEach(ranged::get);
                long hitting = threads.getCurrentThreadAllocatedBytes() - before;
                if (pass == 2) {
                    assertTrue(cache.sizeBytes() > 256 << 10, "the pass read " + cache.sizeBytes() + " bytes of blocks");
                    assertTrue(missing - hitting < cache.sizeBytes() / 2, "misses over " + cache.sizeBytes()
                            + " bytes of blocks allocated " + missing + " bytes on the heap, hits " + hitting);
                }
            }
        }
    }

    @Test
    void aDamagedObjectReadByRangeIsReportedWithALodeErrorCode() {
        byte[] table = SstFixtures.table("9-000002", 10);
        SstMeta meta = SstFixtures.meta("9-000002", table);
        byte[] truncated = Arrays.copyOf(table, table.length - 20);
        connection.store().put(objectKey(meta.id()), ObjectBody.of(truncated), PutMode.CREATE);
        var source = new ObjectStoreSstSource(store, objectKey(meta.id()), meta.size());
        LodeException e = assertThrows(LodeException.class, () -> source.openReader(new OffHeapBlockCache(1024), 2));
        assertEquals(ErrorCode.CORRUPTION, e.code());
        assertTrue(e.getMessage().contains(objectKey(meta.id())), e.getMessage());

        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(LodeException.class, () -> new ObjectStoreSstSource(store, "k", -1)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(LodeException.class, () -> new OffHeapBlockCache(-1)).code());
    }
}
