package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Run in a child JVM with a small heap by {@link LargeDatabaseReaderTest}: opens a default reader
 * on a database written by the test, serves random gets, checks every value, and prints what it
 * used. Arguments: the database directory, the number of keys, the number of gets.
 */
public final class LargeDatabaseProbe {
    static final int VALUE_BYTES = 4096;

    private LargeDatabaseProbe() {}

    static byte[] key(long i) {
        return String.format("key-%010d", i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The value of key {@code i}: incompressible, so that the stored database is as large as its values. */
    static byte[] value(long i) {
        byte[] v = new byte[VALUE_BYTES];
        SplittableRandom random = new SplittableRandom(i);
        for (int at = 0; at < v.length; at += 8) {
            long r = random.nextLong();
            for (int b = 0; b < 8; b++) {
                v[at + b] = (byte) (r >>> (8 * b));
            }
        }
        return v;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long keys = Long.parseLong(args[1]);
        int gets = Integer.parseInt(args[2]);
        long peakHeap = 0;
        long start = System.nanoTime();
        try (LodeConnection c = Lode.connect("lode:" + dir.toUri());
             IsleReader reader = c.isle("large").openReader(ReaderOptions.defaults())) {
            SplittableRandom random = new SplittableRandom(42);
            for (int g = 0; g < gets; g++) {
                long i = random.nextLong(keys);
                byte[] v = reader.get(key(i));
                if (!Arrays.equals(value(i), v)) {
                    System.out.println("wrong value for key " + i);
                    System.exit(2);
                }
                if (g % 1000 == 0) {
                    Runtime r = Runtime.getRuntime();
                    peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
                }
            }
            byte[] absent = reader.get(key(keys + 1));
            if (absent != null) {
                System.out.println("a value for an absent key");
                System.exit(2);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String status = Files.readString(Path.of("/proc/self/status"));
        long hwmKib = status.lines().filter(l -> l.startsWith("VmHWM:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        System.out.println("figures gets=" + gets + " millis=" + millis + " peak-heap-bytes=" + peakHeap + " peak-rss-bytes=" + hwmKib * 1024);
    }
}
