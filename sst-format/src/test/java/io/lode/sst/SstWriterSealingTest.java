package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sealing data blocks on other threads, and giving up on blocks that do not compress. */
class SstWriterSealingTest {
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Runs on streaks of compressible and of random values, so blocks both compress and stay raw. */
    private static TreeMap<byte[], byte[]> mixedEntries(int count) {
        Random random = new Random(count);
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[random.nextInt(400)];
            if ((i / 700) % 2 == 1) {
                random.nextBytes(value);
            } else {
                Arrays.fill(value, (byte) (i % 7));
            }
            entries.put(Tables.counterKey(i), value);
        }
        return entries;
    }

    @ParameterizedTest(name = "block size {0}")
    @ValueSource(ints = {64, 4096, 16384})
    void aSealingExecutorBuildsTheSameTableByteForByte(int blockSize) {
        TreeMap<byte[], byte[]> entries = mixedEntries(6_000);
        for (Compression compression : Compression.values()) {
            SstWriterOptions alone = SstWriterOptions.defaults().withBlockSize(blockSize).withCompression(compression);
            // Tasks that finish in a shuffled order: only the order of writing may decide the bytes.
            SstWriterOptions sealed = alone.withSealingExecutor(task -> pool.execute(() -> {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(50_000));
                task.run();
            }));
            MemorySegment expected = Tables.write(entries, alone);
            MemorySegment actual = Tables.write(entries, sealed);
            assertEquals(-1, expected.mismatch(actual), compression + ": tables differ");
            Tables.assertSameEntries(entries, SstReader.open("t", actual));
        }
    }

    @Test
    void anEmptyTableAndAOneEntryTableAreTheSameWithAnExecutor() {
        for (int count : new int[] {0, 1}) {
            TreeMap<byte[], byte[]> entries = mixedEntries(count);
            SstWriterOptions lz4 = SstWriterOptions.defaults().withCompression(Compression.LZ4);
            assertEquals(-1, Tables.write(entries, lz4).mismatch(Tables.write(entries, lz4.withSealingExecutor(pool))));
        }
    }

    @Test
    void aTableOfRandomValuesSkipsCompressionYetStaysReadable() {
        TreeMap<byte[], byte[]> random = Tables.randomEntries(7, 4_000, 16, 400);
        SstWriterOptions lz4 = SstWriterOptions.defaults().withCompression(Compression.LZ4).withSealingExecutor(pool);
        MemorySegment table = Tables.write(random, lz4);
        SstReader reader = SstReader.open("r", table);
        assertEquals(SstReader.open("n", Tables.write(random, SstWriterOptions.defaults())).properties().dataSize(),
                reader.properties().dataSize());
        Tables.assertSameEntries(random, reader);
    }

    @Test
    void compressionResumesAfterARunOfIncompressibleBlocks() {
        // 1,000 compressible values, 1,000 random ones, then 8,000 compressible ones.
        Random random = new Random(3);
        TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        TreeMap<byte[], byte[]> randomPart = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < 10_000; i++) {
            byte[] value = new byte[200];
            if (i >= 1_000 && i < 2_000) {
                random.nextBytes(value);
                randomPart.put(Tables.counterKey(i), value);
            }
            entries.put(Tables.counterKey(i), value);
        }
        SstWriterOptions lz4 = SstWriterOptions.defaults().withCompression(Compression.LZ4);
        long raw = SstReader.open("r", Tables.write(entries, SstWriterOptions.defaults())).properties().dataSize();
        long randomRaw = SstReader.open("p", Tables.write(randomPart, SstWriterOptions.defaults())).properties().dataSize();
        long compressed = SstReader.open("c", Tables.write(entries, lz4)).properties().dataSize();
        // The skip after the random streak costs at most 64 blocks of the compressible rest; most of it shrinks.
        assertTrue(compressed < randomRaw + (raw - randomRaw) / 3, compressed + " of " + raw + ", random " + randomRaw);
    }

    @Test
    void theBackoffSkipsLongerAfterEachFailedProbeAndStartsOverOnSuccess() {
        CompressionBackoff backoff = new CompressionBackoff(0);
        List<Integer> triedAt = new ArrayList<>();
        // 8 failures, then the skip doubles from 8 up to 64 with each failed probe.
        for (int block = 0; block < 197; block++) {
            if (backoff.shouldTry(block)) {
                triedAt.add(block);
                backoff.record(block, false);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 16, 33, 66, 131, 196), triedAt);
        backoff.record(196, true);
        for (int block = 197; block < 204; block++) {
            assertTrue(backoff.shouldTry(block), "block " + block);
            backoff.record(block, false);
        }
        assertTrue(backoff.shouldTry(204), "seven failures after a success do not start skipping");
    }

    @Test
    void theBackoffDecidesOnlyOnOutcomesOlderThanItsLag() {
        CompressionBackoff backoff = new CompressionBackoff(8);
        for (int block = 0; block < 16; block++) {
            assertTrue(backoff.shouldTry(block), "block " + block); // the first failures are still in flight
            backoff.record(block, false);
        }
        // Block 16 sees the outcomes of blocks 0..7: eight failures, so it and the next seven are skipped;
        // the failures of blocks 8..15, tried before the skip began, are not failed probes.
        for (int block = 16; block < 24; block++) {
            assertEquals(false, backoff.shouldTry(block), "block " + block);
        }
        assertTrue(backoff.shouldTry(24), "the probe after the first skip");
        backoff.record(24, false);
        for (int block = 25; block < 33; block++) {
            assertTrue(backoff.shouldTry(block), "block " + block + ": the failed probe is not known yet");
            backoff.record(block, true);
        }
        // Block 33 learns of the failed probe (block 24): the skip doubles to 16 (blocks 33..48); the
        // successes of blocks 25..32 arrive during it and end it early, at block 34.
        assertEquals(false, backoff.shouldTry(33));
        assertTrue(backoff.shouldTry(34));
    }
}
