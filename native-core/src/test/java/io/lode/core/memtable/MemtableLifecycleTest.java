package io.lode.core.memtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lode.core.memory.Layouts;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemtableLifecycleTest {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    @Test
    void closeReleasesTheArenaAndEveryViewIntoIt() {
        Memtable memtable = Memtable.create(1 << 20);
        MemorySegment key = MemorySegment.ofArray(new byte[] {'k'});
        memtable.put(key, 1, MemorySegment.ofArray(new byte[] {'v'}));
        MemorySegment value = memtable.get(key, 1).value();
        MemtableIterator it = memtable.iterator();
        it.seekToFirst();
        MemorySegment userKey = it.userKey();

        memtable.close();

        assertFalse(memtable.isOpen());
        assertFalse(value.scope().isAlive());
        assertFalse(userKey.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> memtable.get(key, 1));
        assertThrows(IllegalStateException.class, () -> memtable.put(key, 2, key));
        memtable.close(); // idempotent
    }

    /**
     * A thousand memtables of 1 MiB, each filled until FULL and closed, allocate and touch 1000 MiB in
     * all; resident memory must not grow by anything like that.
     */
    @Test
    void aResetMemtableIsEmptyAndTakesNewEntriesLikeAFreshOne() {
        java.util.Random rnd = new java.util.Random(3);
        try (Memtable memtable = Memtable.create(1 << 20)) {
            for (int round = 0; round < 5; round++) {
                java.util.TreeMap<String, String> model = new java.util.TreeMap<>();
                long seq = 1;
                while (true) {
                    String k = "key-" + rnd.nextInt(5_000);
                    String v = "value-" + round + "-" + rnd.nextInt();
                    if (memtable.put(bytes(k), seq++, bytes(v)) != InsertResult.INSERTED) {
                        break; // full: the arena is used up to its end before every reset
                    }
                    model.put(k, v);
                }
                MemtableIterator it = memtable.iterator();
                java.util.List<String> seen = new java.util.ArrayList<>();
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    String k = new String(it.userKey().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                    if (seen.isEmpty() || !seen.getLast().equals(k)) {
                        seen.add(k);
                        assertEquals(model.get(k), new String(it.value().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
                    }
                }
                assertEquals(new java.util.ArrayList<>(model.keySet()), seen, "round " + round);
                memtable.reset();
                assertEquals(0, memtable.entryCount());
                MemtableIterator empty = memtable.iterator();
                empty.seekToFirst();
                assertFalse(empty.isValid(), "a reset memtable is empty");
            }
        }
    }

    private static MemorySegment bytes(String s) {
        return MemorySegment.ofArray(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aThousandCreateFillCloseCyclesLeakNothing() throws IOException {
        assumeTrue(Files.isReadable(PROC_STATUS), "resident set size is read from /proc (Linux)");
        MemorySegment key = MemorySegment.ofArray(new byte[16]);
        MemorySegment value = MemorySegment.ofArray(new byte[1000]);
        cycles(20, key, value); // warm up the JIT and the allocator
        long before = residentBytes();

        cycles(1_000, key, value);

        long growth = residentBytes() - before;
        assertTrue(growth < 128L << 20, "resident memory grew by " + growth + " bytes");
    }

    private static void cycles(int count, MemorySegment key, MemorySegment value) {
        for (int cycle = 0; cycle < count; cycle++) {
            Memtable memtable = Memtable.create(1 << 20);
            int i = 0;
            while (true) {
                key.set(Layouts.U32_BE, 0, i);
                if (memtable.put(key, i, value) == InsertResult.FULL) {
                    break;
                }
                i++;
            }
            assertTrue(memtable.allocatedBytes() > (1 << 20) - 2_000, "the memtable was filled");
            assertEquals(i, memtable.entryCount());
            memtable.close();
            assertFalse(memtable.isOpen());
        }
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(PROC_STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in " + PROC_STATUS);
    }
}
