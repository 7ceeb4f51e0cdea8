package io.lode.bench.memtable;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The keys and values every memtable benchmark uses: 16-byte keys that look random but are a
 * bijection of an index (so they never collide and can be regenerated for lookups), 100-byte values.
 */
public final class BenchmarkKeys {
    public static final int KEY_BYTES = 16;
    public static final int VALUE_BYTES = 100;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BenchmarkKeys() {}

    /** Writes the key of {@code index} into {@code key[0, 16)}. */
    public static void fill(byte[] key, long index) {
        long high = mix(index);
        LONG_BE.set(key, 0, high);
        LONG_BE.set(key, 8, mix(high ^ 0x5DEECE66DL));
    }

    /** A value whose bytes differ per thread, so nothing can be deduplicated. */
    public static byte[] value(long salt) {
        byte[] value = new byte[VALUE_BYTES];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) mix(salt + i);
        }
        return value;
    }

    private static final String[] WORDS = {"order", "shipped", "customer", "pending", "invoice", "warehouse", "berlin",
        "lisbon", "status", "total", "express", "returned", "quantity", "priority", "standard", "delivered"};

    /**
     * A text-like value of {@link #VALUE_BYTES} bytes, different per salt: words drawn from a small
     * vocabulary, as JSON or log lines are, so LZ4 halves it or better where random bytes do not shrink.
     */
    public static byte[] textValue(long salt) {
        StringBuilder b = new StringBuilder(VALUE_BYTES + 16);
        long z = salt;
        while (b.length() < VALUE_BYTES) {
            z = mix(z + 1);
            b.append(WORDS[(int) (z & 15)]).append(' ');
        }
        byte[] value = new byte[VALUE_BYTES];
        for (int i = 0; i < VALUE_BYTES; i++) {
            value[i] = (byte) b.charAt(i);
        }
        return value;
    }

    /** The kinds of value {@link #value(String, long)} makes, from incompressible to highly compressible. */
    public static final String KINDS = "random, text, repeated";

    /**
     * A value of the given compressibility: {@code random} bytes (LZ4 cannot shrink them),
     * {@code text} ({@link #textValue}, about 2:1) or {@code repeated} ({@link #repeatedValue},
     * about 5:1 with 16-byte random keys beside them). The benchmarks take it as their {@code values} parameter.
     */
    public static byte[] value(String kind, long salt) {
        return switch (kind) {
            case "random" -> value(salt);
            case "text" -> textValue(salt);
            case "repeated" -> repeatedValue(salt);
            default -> throw new IllegalArgumentException("values=" + kind + ": use one of " + KINDS);
        };
    }

    /**
     * A highly compressible value: 8 bytes that differ per salt, then the same filler in every
     * value, as padded records or repeated JSON keys are; a block of them with their 16-byte random keys shrinks
     * about 5:1 under LZ4 (text about 2:1, random not at all).
     */
    public static byte[] repeatedValue(long salt) {
        byte[] value = new byte[VALUE_BYTES];
        LONG_BE.set(value, 0, mix(salt));
        for (int i = 8; i < VALUE_BYTES; i++) {
            value[i] = (byte) ('0' + i % 10);
        }
        return value;
    }

    /** SplitMix64's finaliser: a bijection on longs with good avalanche. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
