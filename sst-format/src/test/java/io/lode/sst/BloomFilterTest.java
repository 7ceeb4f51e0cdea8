package io.lode.sst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.sst.filter.BloomFilter;
import io.lode.sst.filter.BloomFilterBuilder;
import io.lode.sst.format.GrowableBuffer;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class BloomFilterTest {
    private static BloomFilter build(int keys, int bitsPerKey) {
        BloomFilterBuilder builder = new BloomFilterBuilder(bitsPerKey);
        for (int i = 0; i < keys; i++) {
            builder.addKey(MemorySegment.ofArray(Tables.counterKey(i)), 0, 16);
        }
        GrowableBuffer out = new GrowableBuffer(1 << 20);
        builder.writeTo(out);
        String[] problem = new String[1];
        BloomFilter filter = BloomFilter.parse(MemorySegment.ofArray(out.toByteArray()), problem);
        assertNotNull(filter, problem[0]);
        return filter;
    }

    @Test
    void falsePositiveRateAtTenBitsPerKeyIsAtMostOnePointTwoPercent() {
        BloomFilter filter = build(1_000_000, 10);
        for (int i = 0; i < 1_000_000; i++) {
            assertTrue(filter.mayContain(MemorySegment.ofArray(Tables.counterKey(i))), "false negative for key " + i);
        }
        int falsePositives = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (filter.mayContain(MemorySegment.ofArray(Tables.counterKey(1_000_000_000L + i)))) {
                falsePositives++;
            }
        }
        double rate = falsePositives / 1_000_000.0;
        System.out.printf("bloom 10 bits/key, %d probes: false-positive rate %.4f%%%n", filter.probes(), rate * 100);
        assertTrue(rate <= 0.012, "false-positive rate " + rate);
    }

    @Test
    void malformedFilterBlocksAreRejected() {
        String[] problem = new String[1];
        assertNull(BloomFilter.parse(MemorySegment.ofArray(new byte[5]), problem));
        assertTrue(problem[0].contains("no metadata"));
        byte[] lying = new byte[64 + 8];
        lying[64] = 6; // probes
        lying[65] = 1; // version
        lying[68] = 2; // claims two lines, has one
        assertNull(BloomFilter.parse(MemorySegment.ofArray(lying), problem));
        assertTrue(problem[0].contains("does not match"), problem[0]);
        lying[68] = 1;
        assertNotNull(BloomFilter.parse(MemorySegment.ofArray(lying), problem));
    }

    @Test
    void anEmptyFilterRejectsEverything() {
        BloomFilter filter = build(0, 10);
        assertEquals(false, filter.mayContain(MemorySegment.ofArray(Tables.counterKey(1))));
    }
}
