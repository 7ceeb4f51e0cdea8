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
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
