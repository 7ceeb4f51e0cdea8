package io.lode.sst.filter;

import io.lode.core.memory.Layouts;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A 64-bit hash of a user key for the Bloom filter, in pure Java over segments: 8-byte words mixed
 * with multiply-rotate steps and a final avalanche. Not a cryptographic hash, not stored anywhere but
 * in our own filter, so it may change only together with {@link BloomFilter#FORMAT_VERSION}.
 */
public final class KeyHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private KeyHash() {}

    public static long hash(MemorySegment key, long offset, long length) {
        long h = 0x9e3779b97f4a7c15L ^ (length * C1);
        long at = offset;
        long end = offset + length;
        while (end - at >= 8) {
            h = mixWord(h, key.get(Layouts.U64_LE, at));
            at += 8;
        }
        if (at < end) {
            long tail = 0;
            for (int shift = 0; at < end; shift += 8, at++) {
                tail |= (key.get(ValueLayout.JAVA_BYTE, at) & 0xFFL) << shift;
            }
            h = mixWord(h, tail);
        }
        return avalanche(h);
    }

    public static long hash(MemorySegment key) {
        return hash(key, 0, key.byteSize());
    }

    private static long mixWord(long h, long word) {
        long w = Long.rotateLeft(word * C1, 31) * C2;
        return Long.rotateLeft(h ^ w, 27) * 5 + 0x52dce729L;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
