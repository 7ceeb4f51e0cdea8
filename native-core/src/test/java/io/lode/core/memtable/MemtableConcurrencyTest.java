package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.core.key.InternalKeyTrailer;
import io.lode.core.memory.Layouts;
import io.lode.core.memory.UnsignedBytes;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Four writers and two readers share one memtable for a few seconds. Writers draw unique sequence
 * numbers and write many versions of a small key set; readers check, while it happens, that gets and
 * seeks are never older than a write that completed before them and that iterators stay strictly
 * ordered.
 * Afterwards every insert must be there exactly once.
 */
class MemtableConcurrencyTest {
    private static final int KEYS = 2_000;
    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final AtomicLong nextSequence = new AtomicLong(1);
    /** Per key, the highest sequence whose put has returned. */
    private final AtomicLongArray completed = new AtomicLongArray(KEYS);
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> refused = new ConcurrentLinkedQueue<>();
    private final LongAdder inserted = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder scans = new LongAdder();

    @Test
    void writersLoseNothingAndReadersSeeOrderedFreshData() throws InterruptedException {
        try (Memtable memtable = Memtable.create(256L << 20)) {
            List<Thread> writers = new ArrayList<>();
            List<Thread> readers = new ArrayList<>();
            long deadline = System.nanoTime() + RUN_NANOS;
            for (int i = 0; i < WRITERS; i++) {
                writers.add(Thread.ofPlatform().name("writer-" + i).start(guard(() -> write(memtable, deadline))));
            }
            for (int i = 0; i < READERS; i++) {
                readers.add(Thread.ofPlatform().name("reader-" + i).start(guard(() -> read(memtable))));
            }
            for (Thread t : writers) {
                t.join();
            }
            writing.set(false);
            for (Thread t : readers) {
                t.join();
            }

            assertTrue(failures.isEmpty(), () -> "failures in threads: " + failures);
            assertTrue(inserted.sum() > 0 && reads.sum() > 0 && scans.sum() > 0, "all threads made progress");
            assertEquals(inserted.sum(), memtable.entryCount());
            assertEveryInsertPresentOnce(memtable);
        }
    }

    private void write(Memtable memtable, long deadline) {
        MemorySegment key = MemorySegment.ofArray(new byte[8]);
        MemorySegment value = MemorySegment.ofArray(new byte[12]);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            int id = rnd.nextInt(KEYS);
            long sequence = nextSequence.getAndIncrement();
            key.set(Layouts.U64_BE, 0, id);
            fillValue(value, sequence, id);
            InsertResult result = memtable.put(key, sequence, value);
            if (result == InsertResult.FULL) {
                refused.add(sequence);
                return;
            }
            assertEquals(InsertResult.INSERTED, result);
            inserted.increment();
            completed.accumulateAndGet(id, sequence, Math::max);
        }
    }

    private void read(Memtable memtable) {
        MemorySegment key = MemorySegment.ofArray(new byte[8]);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (writing.get()) {
            for (int i = 0; i < 1_000; i++) {
                int id = rnd.nextInt(KEYS);
                key.set(Layouts.U64_BE, 0, id);
                long floor = completed.get(id);
                MemtableEntry found = memtable.get(key, InternalKeyTrailer.MAX_SEQUENCE);
                if (floor > 0) {
                    assertTrue(found != null && found.sequence() >= floor,
                            () -> "key " + id + ": read " + found + " after put " + floor + " completed");
                }
                if (found != null) {
                    assertValue(found.value(), found.sequence(), id);
                }
                reads.increment();
                seekSeesCompletedPut(memtable, key, id);
            }
            scanInOrder(memtable, rnd);
        }
    }

    /** A seek, like a get, lands on a version at least as new as any put that completed before it. */
    private void seekSeesCompletedPut(Memtable memtable, MemorySegment key, int id) {
        long floor = completed.get(id);
        MemtableIterator it = memtable.iterator();
        it.seekGE(key, InternalKeyTrailer.MAX_SEQUENCE);
        if (floor > 0) {
            assertTrue(it.isValid() && it.userKey().get(Layouts.U64_BE, 0) == id && it.sequence() >= floor,
                    () -> "key " + id + ": seek missed put " + floor + " that completed before it");
        }
    }

    /** Walks up to 5,000 entries from a random key and checks strict internal-key order. */
    private void scanInOrder(Memtable memtable, ThreadLocalRandom rnd) {
        MemtableIterator it = memtable.iterator();
        MemorySegment start = MemorySegment.ofArray(new byte[8]);
        start.set(Layouts.U64_BE, 0, rnd.nextInt(KEYS));
        it.seekGE(start, InternalKeyTrailer.MAX_SEQUENCE);
        byte[] previous = null;
        for (int n = 0; n < 5_000 && it.isValid(); n++, it.next()) {
            byte[] current = it.internalKey().toArray(ValueLayout.JAVA_BYTE);
            if (previous != null) {
                assertTrue(compareInternal(previous, current) < 0, "iterator out of order");
            }
            previous = current;
        }
        scans.increment();
    }

    private void assertEveryInsertPresentOnce(Memtable memtable) {
        BitSet seen = new BitSet();
        long count = 0;
        MemtableIterator it = memtable.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            long sequence = it.sequence();
            assertTrue(!seen.get((int) sequence), "sequence " + sequence + " appears twice");
            seen.set((int) sequence);
            assertValue(it.value(), sequence, (int) it.userKey().get(Layouts.U64_BE, 0));
            count++;
        }
        assertEquals(inserted.sum(), count);
        for (long sequence = 1; sequence < nextSequence.get(); sequence++) {
            boolean expected = !refused.contains(sequence);
            assertEquals(expected, seen.get((int) sequence), "sequence " + sequence);
        }
    }

    private static int compareInternal(byte[] a, byte[] b) {
        int c = UnsignedBytes.compare(
                MemorySegment.ofArray(a), 0, a.length - 8, MemorySegment.ofArray(b), 0, b.length - 8);
        if (c != 0) {
            return c;
        }
        long ta = MemorySegment.ofArray(a).get(Layouts.U64_LE, a.length - 8);
        long tb = MemorySegment.ofArray(b).get(Layouts.U64_LE, b.length - 8);
        return InternalKeyTrailer.compare(ta, tb);
    }

    private static void fillValue(MemorySegment value, long sequence, int id) {
        value.set(Layouts.U64_BE, 0, sequence);
        value.set(Layouts.U32_BE, 8, id);
    }

    private static void assertValue(MemorySegment value, long sequence, int id) {
        assertEquals(12, value.byteSize());
        assertEquals(sequence, value.get(Layouts.U64_BE, 0));
        assertEquals(id, value.get(Layouts.U32_BE, 8));
    }

    private Runnable guard(Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
                writing.set(false);
            }
        };
    }
}
