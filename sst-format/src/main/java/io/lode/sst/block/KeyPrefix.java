package io.lode.sst.block;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a key as one big-endian word, zero past the key's end, so that searches compare
 * keys a word at a time in plain arrays. Unequal words order keys as their bytes do; equal words (a
 * tie, or zero bytes against padding) need the full comparison.
 */
public final class KeyPrefix {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private KeyPrefix() {}

    /** Bytes {@code [from, from + 8)} of a key ending at {@code end}, big-endian, zero-padded. */
    public static long word(byte[] key, int from, int end) {
        if (end - from >= 8) {
            return (long) LONG_BE.get(key, from);
        }
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = (word << 8) | (from + i < end ? key[from + i] & 0xFF : 0);
        }
        return word;
    }
}
