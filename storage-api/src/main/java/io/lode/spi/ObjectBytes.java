package io.lode.spi;

import java.lang.foreign.MemorySegment;
import io.lode.internal.Require;
import java.util.Arrays;


/**
 * Bytes read from a store, with the object they were read from.
 *
 * <p>For a range read, {@link #bytes()} holds only the bytes of the range (possibly fewer than
 * asked for at the end of the object) and {@link #info()} describes the whole object. The array
 * belongs to the caller.
 *
 * @param info the object read
 * @param bytes the bytes read
 */
public record ObjectBytes(ObjectInfo info, byte[] bytes) {
    public ObjectBytes {
        Require.nonNull(info, "info");
        Require.nonNull(bytes, "bytes");
    }

    /** The bytes as a heap segment, without copying. */
    public MemorySegment segment() {
        return MemorySegment.ofArray(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectBytes other && info.equals(other.info) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return info.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ObjectBytes[" + info + ", " + bytes.length + " bytes]";
    }
}
