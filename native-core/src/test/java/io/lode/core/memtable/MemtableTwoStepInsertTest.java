package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.EntryKind;
import io.lode.core.key.InternalKeyTrailer;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Inserting in two steps, {@link Memtable#place} (under a writer's lock) then {@link Memtable#link}
 * (after it): a placed entry is invisible until linked, {@link Memtable#awaitLinked} waits for every
 * placed entry, and threads linking at once lose nothing.
 */
class MemtableTwoStepInsertTest {

    @Test
    void aPlacedEntryIsInvisibleUntilLinked() {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            assertTrue(memtable.isEmpty());
            long placed = memtable.place(key(1), 7, EntryKind.SET, MemorySegment.ofArray(new byte[] {1}));
            assertNotEquals(0, placed);
            assertFalse(memtable.isEmpty());
            assertNull(memtable.get(key(1), InternalKeyTrailer.MAX_SEQUENCE));
            assertEquals(0, memtable.entryCount());
            assertEquals(InsertResult.INSERTED, memtable.link(placed));
            assertEquals(7, memtable.get(key(1), InternalKeyTrailer.MAX_SEQUENCE).sequence());
            assertEquals(1, memtable.entryCount());
            long again = memtable.place(key(1), 7, EntryKind.SET, MemorySegment.ofArray(new byte[] {2}));
            assertEquals(InsertResult.DUPLICATE, memtable.link(again));
            memtable.awaitLinked(); // nothing left unlinked, a duplicate included
        }
    }

    @Test
    void placingInAFullArenaWritesNothing() {
        try (Memtable memtable = new Memtable(4096, 1)) {
            long placed;
            int n = 0;
            while ((placed = memtable.place(key(n), n + 1, EntryKind.SET, MemorySegment.ofArray(new byte[100]))) != 0) {
                memtable.link(placed);
                n++;
            }
            long used = memtable.allocatedBytes();
            assertEquals(0, memtable.place(key(n), n + 1, EntryKind.SET, MemorySegment.ofArray(new byte[100])));
            assertEquals(used, memtable.allocatedBytes());
            memtable.awaitLinked();
            assertEquals(n, memtable.entryCount());
        }
    }

    @Test
    void awaitLinkedWaitsForEntriesPlacedBefore() throws Exception {
        try (Memtable memtable = Memtable.create(1 << 20)) {
            long placed = memtable.place(key(1), 1, EntryKind.SET, MemorySegment.ofArray(new byte[] {1}));
            CountDownLatch waiting = new CountDownLatch(1);
            long[] seen = new long[1];
            Thread flusher = Thread.ofPlatform().start(() -> {
                waiting.countDown();
                memtable.awaitLinked();
                seen[0] = memtable.entryCount();
            });
            waiting.await();
            Thread.sleep(50);
            assertTrue(flusher.isAlive(), "awaitLinked returned with an entry still unlinked");
            memtable.link(placed);
            flusher.join();
            assertEquals(1, seen[0]);
        }
    }

    @Test
    void threadsPlacingUnderALockAndLinkingAfterLoseNothing() throws Exception {
        try (Memtable memtable = Memtable.create(64 << 20)) {
            ReentrantLock lock = new ReentrantLock();
            long[] sequence = {0};
            int perThread = 20_000;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long placed;
                        lock.lock();
                        try {
                            long s = ++sequence[0];
                            // Few keys, so threads link versions of the same keys side by side.
                            placed = memtable.place(key(s % 1_000), s, EntryKind.SET, MemorySegment.ofArray(new byte[8]));
                        } finally {
                            lock.unlock();
                        }
                        assertEquals(InsertResult.INSERTED, memtable.link(placed));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            memtable.awaitLinked();
            assertEquals(4L * perThread, memtable.entryCount());
            long[] count = {0};
            memtable.forEachInOrder((k, v) -> count[0]++);
            assertEquals(4L * perThread, count[0]);
            for (long k = 0; k < 1_000; k++) {
                long newest = (4L * perThread) - ((4L * perThread - k) % 1_000 + 1_000) % 1_000;
                assertEquals(newest, memtable.get(key(k), InternalKeyTrailer.MAX_SEQUENCE).sequence(), "key " + k);
            }
        }
    }

    private static MemorySegment key(long n) {
        return MemorySegment.ofArray(ByteBuffer.allocate(8).putLong(n).array());
    }
}
