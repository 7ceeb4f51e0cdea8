package io.lode.sst.filter;

import io.lode.core.memory.Layouts;
import io.lode.sst.format.GrowableBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Collects key hashes while a table is written and lays out the {@link BloomFilter} block at the end. */
public final class BloomFilterBuilder {
    private final int bitsPerKey;
    private long[] hashes = new long[1024];
    private int count;

    public BloomFilterBuilder(int bitsPerKey) {
        if (bitsPerKey < 1 || bitsPerKey > 64) {
            throw new IllegalArgumentException("bits per key must be in [1, 64], got " + bitsPerKey);
        }
        this.bitsPerKey = bitsPerKey;
    }

    public void addHash(long hash) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        hashes[count++] = hash;
    }

    public void addKey(MemorySegment userKey, long offset, long length) {
        addHash(KeyHash.hash(userKey, offset, length));
    }

    public int keyCount() {
        return count;
    }

    /** A copy of the key hashes collected so far, for another builder to {@link #addHash add}. */
    public long[] hashes() {
        return Arrays.copyOf(hashes, count);
    }

    /** The number of probes that minimises false positives at {@code bitsPerKey}, ~ln 2 per bit. */
    static int probesFor(int bitsPerKey) {
        // Blocked filters load lines unevenly, so one probe fewer than the textbook k = 0.69 * bits
        // does slightly better at 10 bits per key.
        return Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69) - 1));
    }

    /** Writes the filter block into {@code out}. */
    public void writeTo(GrowableBuffer out) {
        long bits = Math.max(1L, (long) count * bitsPerKey);
        long lineCount = Math.max(1L, (bits + 511) / 512);
        if (lineCount * BloomFilter.LINE_BYTES > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("filter for " + count + " keys exceeds 2 GiB");
        }
        int probes = probesFor(bitsPerKey);
        // Set bits in a long[] (no per-access segment checks), then lay the words out little-endian.
        long[] words = new long[(int) (lineCount * (BloomFilter.LINE_BYTES / 8))];
        for (int i = 0; i < count; i++) {
            long hash = hashes[i];
            int baseWord = (int) (((hash & 0xFFFF_FFFFL) * lineCount) >>> 32) * (BloomFilter.LINE_BYTES / 8);
            int h = (int) (hash >>> 32);
            for (int p = 0; p < probes; p++) {
                int bit = h >>> 23;
                words[baseWord + (bit >>> 6)] |= 1L << (bit & 63);
                h *= BloomFilter.GOLDEN;
            }
        }
        int start = out.size();
        int length = words.length * 8;
        out.ensureRoom(length + BloomFilter.METADATA_BYTES);
        MemorySegment.copy(MemorySegment.ofArray(words), 0, out.segment().asSlice(start, length), 0, length);
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            for (int w = 0; w < words.length; w++) {
                out.segment().set(Layouts.U64_LE, start + 8L * w, words[w]);
            }
        }
        out.setSize(start + length);
        out.putByte(probes);
        out.putByte(BloomFilter.FORMAT_VERSION);
        out.putByte(0);
        out.putByte(0);
        out.putFixed32((int) lineCount);
    }
}
