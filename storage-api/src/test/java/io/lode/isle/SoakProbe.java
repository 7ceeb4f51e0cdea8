package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Run in a child JVM by {@link SoakTest}: a writer rewrites the same keys (compressible values) and
 * appends events, flush after flush, a compactor merges, and beside them live a range-read reader,
 * a reader with a cache directory, a reader with tables in memory and a tailing reader, each
 * checking what it reads. Every {@link #SAMPLE_EVERY} flushes it prints what the process holds:
 * heap after a full collection, resident memory, open files, cache directory and native buffers.
 * Arguments: the working directory, the number of flushes.
 */
public final class SoakProbe {
    static final int KEYS = 500;
    static final int VALUE_BYTES = 2048;
    static final int EVENTS_PER_FLUSH = 10;
    static final int SAMPLE_EVERY = 20;
    static final long CACHE_BYTES = 4L << 20;
    static final long BLOCK_CACHE_BYTES = 8L << 20;

    private SoakProbe() {}

    static byte[] key(int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    /** A compressible value, different in every round: words, as text in a document store would be. */
    static byte[] value(int round, int i) {
        StringBuilder b = new StringBuilder(VALUE_BYTES);
        String[] words = {"order", "shipped", "customer", "pending", "invoice", "warehouse", "berlin", "lisbon"};
        int n = round * 7919 + i;
        while (b.length() < VALUE_BYTES - 16) {
            n = n * 1103515245 + 12345;
            b.append(words[(n >>> 16) & 7]).append(' ');
        }
        b.setLength(VALUE_BYTES - 16);
        b.append(String.format("%06d/%09d", i, round));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] event(long n) {
        return ByteBuffer.allocate(9).put((byte) 0xFF).putLong(n).array();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int flushes = Integer.parseInt(args[1]);
        Path cacheDir = dir.resolve("cache");
        Files.createDirectories(dir.resolve("store"));
        long events = 0;
        long tailed = 0;
        byte[] lastTailed = null;
        try (LodeConnection c = Lode.connect("lode:" + dir.resolve("store").toUri())) {
            IsleDB db = c.isle("soak");
            try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO).withMemtableBytes(8L << 20));
                 Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO).withL0Threshold(4));
                 IsleReader ranged = db.openReader(ReaderOptions.defaults().withRangeReads(BLOCK_CACHE_BYTES));
                 IsleReader cached = db.openReader(ReaderOptions.defaults().withCacheDir(cacheDir).withCacheBytes(CACHE_BYTES)
                         .withBlockCacheBytes(BLOCK_CACHE_BYTES));
                 IsleReader inMemory = db.openReader(ReaderOptions.defaults().withTablesInMemory().withBlockCacheBytes(BLOCK_CACHE_BYTES));
                 TailingReader tailer = db.openTailingReader(TailingOptions.defaults()
                         .withReader(ReaderOptions.defaults().withRangeReads(BLOCK_CACHE_BYTES)))) {
                for (int round = 0; round < flushes; round++) {
                    for (int i = 0; i < KEYS; i++) {
                        w.put(key(i), value(round, i));
                    }
                    for (int e = 0; e < EVENTS_PER_FLUSH; e++) {
                        w.put(event(events++), ("event " + events).getBytes(StandardCharsets.UTF_8));
                    }
                    w.flush();
                    if (round % 4 == 3) {
                        compactor.runOnce();
                    }
                    for (IsleReader r : new IsleReader[] {ranged, cached, inMemory}) {
                        r.refresh();
                        for (int i = round % 25; i < KEYS; i += 25) {
                            if (!Arrays.equals(value(round, i), r.get(key(i)))) {
                                fail("round " + round + ": a reader read a wrong value for key " + i);
                            }
                        }
                        try (Cursor cursor = r.scan(key(round % KEYS), null)) {
                            for (int n = 0; n < 10 && cursor.next(); n++) {
                                // a short scan, as a service's range query would be
                            }
                        }
                    }
                    CatchUpOptions options = CatchUpOptions.all().withMinKey(event(0)).withMaxKey(event(Long.MAX_VALUE));
                    long[] delivered = {0};
                    CatchUpResult result = tailer.catchUp(lastTailed == null ? options : options.withStartAfterKey(lastTailed),
                            (k, v) -> delivered[0]++);
                    tailed += delivered[0];
                    if (result.lastKey() != null) {
                        lastTailed = result.lastKey();
                    }
                    if (tailed != events) {
                        fail("round " + round + ": the tailer delivered " + tailed + " of " + events + " events");
                    }
                    if ((round + 1) % SAMPLE_EVERY == 0) {
                        sample(round + 1, cacheDir);
                    }
                }
            }
        }
    }

    private static void sample(int flushes, Path cacheDir) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String status = Files.readString(Path.of("/proc/self/status"));
        long rss = status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        long fds;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            fds = open.count();
        }
        long cache;
        try (Stream<Path> files = Files.list(cacheDir)) {
            cache = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        System.out.println("sample flushes=" + flushes + " heap=" + heap + " rss=" + rss + " fds=" + fds + " cache=" + cache
                + " direct=" + direct);
    }

    private static void fail(String problem) {
        System.out.println(problem);
        System.exit(2);
    }
}
