package io.lode.sst.block;

import io.lode.sst.format.ChecksumType;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The 5 bytes after every block: the compression type byte, then a little-endian 32-bit checksum of
 * the block contents followed by that type byte. From format_version 6 the stored checksum is this
 * one plus a per-block context ({@link Footer#contextModifier}).
 *
 * <p>Both checksums are computed over {@code contents || type}, which the writer and the reader
 * hold contiguously: the type byte sits right after the contents in the file, and the writer puts it
 * right after the contents in its buffer. So each checksum is one call over one range.
 */
public final class BlockTrailer {
    /** Type byte plus 32-bit checksum. */
    public static final int LENGTH = 5;

    private static final int CRC_MASK_DELTA = 0xa282ead8;
    private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();
    private static final int XXH3_LAST_BYTE_PRIME = 0x6b9083d9;

    private BlockTrailer() {}

    /** The checksum of {@code bytes[offset, offset + length)}, which must end with the type byte. */
    public static int checksum(ChecksumType type, byte[] bytes, int offset, int length) {
        return switch (type) {
            case CRC32C -> {
                CRC32C crc = new CRC32C();
                crc.update(bytes, offset, length);
                yield mask((int) crc.getValue());
            }
            case XXHASH64 -> (int) XXH64.hash(bytes, offset, length, 0L);
            case XXH3 -> xxh3(bytes, offset, length);
        };
    }

    /** The checksum of the whole segment, which must end with the type byte. */
    public static int checksum(ChecksumType type, MemorySegment contentsAndType) {
        ByteBuffer buffer = contentsAndType.asByteBuffer();
        return switch (type) {
            case CRC32C -> {
                CRC32C crc = new CRC32C();
                crc.update(buffer);
                yield mask((int) crc.getValue());
            }
            case XXHASH64 -> (int) XXH64.hash(buffer, 0, buffer.remaining(), 0L);
            case XXH3 -> {
                if (contentsAndType.heapBase().orElse(null) instanceof byte[] array) {
                    yield xxh3(array, (int) contentsAndType.address(), (int) contentsAndType.byteSize());
                }
                byte[] copy = contentsAndType.toArray(ValueLayout.JAVA_BYTE); // hash4j hashes arrays only
                yield xxh3(copy, 0, copy.length);
            }
        };
    }

    /**
     * RocksDB's XXH3 checksum: XXH3 does not extend by one byte cheaply, so the last byte (the type
     * byte) is mixed into the low half of the hash of the others by a multiply with a fixed prime
     * ({@code ModifyChecksumForLastByte}).
     */
    private static int xxh3(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int hash = (int) Xxh3.HASHER.hashBytesToLong(bytes, offset, length - 1);
        return hash ^ (bytes[offset + length - 1] & 0xFF) * XXH3_LAST_BYTE_PRIME;
    }

    /** Loaded with the first XXH3 checksum, not with every table. */
    private static final class Xxh3 {
        static final Hasher64 HASHER = Hashing.xxh3_64();
    }

    /**
     * LevelDB's masking: a CRC stored next to the data it covers is rotated and offset so that the CRC
     * of a string containing embedded CRCs stays well distributed.
     */
    static int mask(int crc) {
        return Integer.rotateRight(crc, 15) + CRC_MASK_DELTA;
    }
}
