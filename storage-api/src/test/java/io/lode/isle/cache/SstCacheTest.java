package io.lode.isle.cache;

import static io.lode.isle.cache.SstFixtures.key;
import static io.lode.isle.cache.SstFixtures.objectKey;
import static io.lode.isle.cache.SstFixtures.upload;
import static io.lode.isle.cache.SstFixtures.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.core.io.AccessAdvice;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.isle.manifest.SstChecksum;
import io.lode.isle.manifest.SstMeta;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ObjectBody;
import io.lode.spi.PutMode;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SstCacheTest {
    private static final int KEYS = 500;

    @TempDir
    Path dir;

    private LodeConnection connection;
    private InstrumentedStore store;

    @BeforeEach
    void connect() {
        connection = Lode.connect("lode:mem:sstcache-" + UUID.randomUUID());
        store = new InstrumentedStore(connection.store());
    }

    @AfterEach
    void disconnect() {
        connection.close();
    }

    private SstMeta table(String id) {
        return upload(connection.store(), id, SstFixtures.table(id, KEYS));
    }

    private static void assertReads(CachedSst sst, String id) {
        var version = sst.reader().get(key(17));
        assertArrayEquals(bytes(value(id, 17)), bytes(version.value()));
    }

    private static byte[] bytes(MemorySegment s) {
        return s.toArray(ValueLayout.JAVA_BYTE);
    }

    private List<String> directoryListing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anSstIsDownloadedOnceAndReusedAfterARestart() throws IOException {
        SstMeta meta = table("1-000001");
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            try (CachedSst sst = cache.acquire(meta, store, objectKey(meta.id()))) {
                assertReads(sst, meta.id());
                assertEquals(meta.size(), sst.segment().byteSize());
            }
            try (CachedSst sst = cache.acquire(meta, store, objectKey(meta.id()))) {
                assertReads(sst, meta.id());
            }
            assertEquals(1, cache.downloads());
            assertEquals(1, store.count("openStream"));
            assertEquals(meta.size(), cache.cachedBytes());
        }
        assertEquals(List.of(meta.id()), directoryListing(), "the file is named by the SST id");

        long requestsBefore = store.total();
        try (SstCache restarted = SstCache.open(dir, 1 << 20)) {
            assertEquals(meta.size(), restarted.cachedBytes(), "the warm directory is indexed on open");
            try (CachedSst sst = restarted.acquire(meta, store, objectKey(meta.id()))) {
                assertReads(sst, meta.id());
            }
            assertEquals(0, restarted.downloads(), "a restarted reader over a warm cacheDir downloads nothing");
            assertEquals(requestsBefore, store.total(), "not even a HEAD");
        }
    }

    @Test
    void aCachedFileDamagedWhileTheCacheWasClosedIsReplacedByAFreshDownload() throws IOException {
        SstMeta meta = table("1-000002");
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            cache.acquire(meta, store, objectKey(meta.id())).close();
        }
        flipByte(dir.resolve(meta.id()), meta.size() / 2);

        try (SstCache restarted = SstCache.open(dir, 1 << 20)) {
            try (CachedSst sst = restarted.acquire(meta, store, objectKey(meta.id()))) {
                assertReads(sst, meta.id());
            }
            assertEquals(1, restarted.downloads());
            assertEquals(meta.size(), restarted.cachedBytes());
        }
        assertTrue(SstChecksum.matches(meta.checksum(), MemorySegment.ofArray(Files.readAllBytes(dir.resolve(meta.id())))));
    }

    @Test
    void aCachedFileDeletedBehindTheCachesBackIsDownloadedAgain() throws IOException {
        SstMeta meta = table("1-000004");
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            cache.acquire(meta, store, objectKey(meta.id())).close();
        }
        try (SstCache restarted = SstCache.open(dir, 1 << 20)) {
            Files.delete(dir.resolve(meta.id()));
            try (CachedSst sst = restarted.acquire(meta, store, objectKey(meta.id()))) {
                assertReads(sst, meta.id());
                sst.advise(AccessAdvice.RANDOM); // a hint: accepted or not, reads are the same
                assertReads(sst, meta.id());
            }
            assertEquals(1, restarted.downloads());
        }
    }

    @Test
    void anObjectThatDoesNotMatchItsManifestEntryIsAChecksumMismatchAndLeavesNothingBehind() throws IOException {
        SstMeta meta = table("1-000003");
        byte[] damaged = SstFixtures.table(meta.id(), KEYS);
        damaged[damaged.length / 3] ^= 0x10;
        connection.store().put(objectKey(meta.id()), ObjectBody.of(damaged), PutMode.OVERWRITE);
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            LodeException e = assertThrows(LodeException.class,
                    () -> cache.acquire(meta, store, objectKey(meta.id())));
            assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
            assertTrue(e.getMessage().contains(objectKey(meta.id())), e.getMessage());
            assertEquals(0, cache.cachedBytes());
            assertEquals(List.of(), directoryListing());

            connection.store().put(objectKey(meta.id()), ObjectBody.of(new byte[7]), PutMode.OVERWRITE);
            assertEquals(ErrorCode.CHECKSUM_MISMATCH, assertThrows(LodeException.class,
                    () -> cache.acquire(meta, store, objectKey(meta.id()))).code(), "a truncated object");
            assertEquals(List.of(), directoryListing());
        }
    }

    @Test
    void aMissingObjectIsNotFoundAndCachesNothing() throws IOException {
        SstMeta meta = SstFixtures.meta("1-000009", SstFixtures.table("1-000009", 10));
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            assertEquals(ErrorCode.NOT_FOUND, assertThrows(LodeException.class,
                    () -> cache.acquire(meta, store, objectKey(meta.id()))).code());
            assertEquals(List.of(), directoryListing());
        }
    }

    @Test
    void theLeastRecentlyUsedUnreferencedFileIsEvictedFirst() throws IOException {
        SstMeta a = table("2-000001");
        SstMeta b = table("2-000002");
        SstMeta c = table("2-000003");
        long twoTables = a.size() + b.size() + c.size() / 2;
        try (SstCache cache = SstCache.open(dir, twoTables)) {
            cache.acquire(a, store, objectKey(a.id())).close();
            cache.acquire(b, store, objectKey(b.id())).close();
            cache.acquire(a, store, objectKey(a.id())).close(); // a is now more recent than b
            cache.acquire(c, store, objectKey(c.id())).close();
            assertEquals(List.of(a.id(), c.id()), directoryListing());
            assertEquals(a.size() + c.size(), cache.cachedBytes());
            assertEquals(3, cache.downloads());

            cache.acquire(b, store, objectKey(b.id())).close();
            assertEquals(4, cache.downloads(), "an evicted table is downloaded again");
            assertEquals(List.of(b.id(), c.id()), directoryListing());
        }
    }

    @Test
    void aReferencedFileIsNeverEvictedUntilItsLastHandleCloses() throws IOException {
        SstMeta a = table("3-000001");
        SstMeta b = table("3-000002");
        SstMeta c = table("3-000003");
        try (SstCache cache = SstCache.open(dir, a.size() + b.size())) {
            CachedSst held = cache.acquire(a, store, objectKey(a.id()));
            CachedSst second = cache.acquire(a, store, objectKey(a.id()));
            cache.acquire(b, store, objectKey(b.id())).close();
            cache.acquire(c, store, objectKey(c.id())).close();
            assertEquals(List.of(a.id(), c.id()), directoryListing(), "b went although a is older");
            assertReads(held, a.id());

            held.close();
            held.close(); // a second close releases nothing more
            assertReads(second, a.id());
            second.close();
            assertEquals(ErrorCode.CLOSED, assertThrows(LodeException.class, second::segment).code());
        }
    }

    @Test
    void anSstLargerThanTheWholeBudgetIsServedAndEvictedOnceReleased() throws IOException {
        SstMeta big = table("4-000001");
        try (SstCache cache = SstCache.open(dir, big.size() - 1)) {
            try (CachedSst sst = cache.acquire(big, store, objectKey(big.id()))) {
                assertReads(sst, big.id());
                assertEquals(big.size(), cache.cachedBytes());
            }
            assertEquals(0, cache.cachedBytes());
            assertEquals(List.of(), directoryListing());
        }
    }

    @Test
    void concurrentAcquiresOfOneSstDownloadItOnce() throws Exception {
        SstMeta meta = table("5-000001");
        byte[] expected = connection.store().get(objectKey(meta.id())).bytes();
        int threads = 8;
        try (SstCache cache = SstCache.open(dir, 1 << 20);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    try (CachedSst sst = cache.acquire(meta, store, objectKey(meta.id()))) {
                        assertReads(sst, meta.id());
                        return bytes(sst.segment());
                    }
                }));
            }
            start.countDown();
            for (Future<byte[]> read : reads) {
                assertArrayEquals(expected, read.get());
            }
            assertEquals(1, cache.downloads());
            assertEquals(1, store.count("openStream"));
        }
    }

    @Test
    void readersRacingWithEvictionAlwaysReadTheirTableAndTheTotalMatchesTheDirectory() throws Exception {
        List<SstMeta> tables = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            tables.add(table("5-00010" + i));
        }
        long budget = tables.get(0).size() + tables.get(1).size();
        int threads = 6;
        try (SstCache cache = SstCache.open(dir, budget);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 150; i++) {
                        SstMeta meta = tables.get(random.nextInt(tables.size()));
                        try (CachedSst sst = cache.acquire(meta, store, objectKey(meta.id()))) {
                            assertReads(sst, meta.id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : readers) {
                reader.get();
            }
            long onDisk = 0;
            for (String name : directoryListing()) {
                onDisk += Files.size(dir.resolve(name));
            }
            assertEquals(onDisk, cache.cachedBytes());
            assertTrue(cache.cachedBytes() <= budget, "once released, the files fit the budget");
        }
    }

    @Test
    void invalidateDropsTheFileAndTheNextAcquireDownloadsItAgain() throws IOException {
        SstMeta meta = table("6-000001");
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            CachedSst held = cache.acquire(meta, store, objectKey(meta.id()));
            cache.invalidate(meta.id());
            assertEquals(List.of(), directoryListing());
            assertReads(held, meta.id()); // still mapped while referenced
            assertEquals(meta.size(), cache.cachedBytes());
            held.close();
            assertEquals(0, cache.cachedBytes());

            cache.acquire(meta, store, objectKey(meta.id())).close();
            assertEquals(2, cache.downloads());
            cache.invalidate("no-such-sst");
            cache.invalidate(meta.id());
            assertEquals(0, cache.cachedBytes());
        }
    }

    @Test
    void openRemovesDownloadsACrashLeftBehindAndEnforcesTheBudget() throws IOException {
        SstMeta a = table("7-000001");
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            cache.acquire(a, store, objectKey(a.id())).close();
        }
        Files.write(dir.resolve(SstCache.DOWNLOAD_PREFIX + "7-000002-1234"), new byte[100]);
        try (SstCache reopened = SstCache.open(dir, 1 << 20)) {
            assertEquals(List.of(a.id()), directoryListing());
        }
        try (SstCache smaller = SstCache.open(dir, a.size() - 1)) {
            assertEquals(0, smaller.cachedBytes());
            assertEquals(List.of(), directoryListing());
        }
    }

    @Test
    void badInputIsRejectedWithTheRightErrorCode() {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(LodeException.class, () -> SstCache.open(dir, -1)).code());
        try (SstCache cache = SstCache.open(dir, 1 << 20)) {
            for (String id : new String[] {"", "../escape", ".download-x", "a/b"}) {
                SstMeta meta = SstFixtures.meta(id, new byte[1]);
                assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LodeException.class,
                        () -> cache.acquire(meta, store, "sstable/x")).code(), id);
            }
            SstMeta meta = table("8-000001");
            CachedSst held = cache.acquire(meta, store, objectKey(meta.id()));
            cache.close();
            assertEquals(ErrorCode.CLOSED, assertThrows(LodeException.class, held::segment).code());
            held.close();
            assertEquals(ErrorCode.CLOSED, assertThrows(LodeException.class,
                    () -> cache.acquire(meta, store, objectKey(meta.id()))).code());
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.flip();
            one.put(0, (byte) (one.get(0) ^ 0x01));
            channel.write(one, offset);
        }
        assertFalse(Files.size(file) == 0);
    }
}
