package io.lode.sst.format;

/** The block checksum, with RocksDB's code as stored in the footer's checksum type byte. */
public enum ChecksumType {
    /** CRC32C, masked as LevelDB does. */
    CRC32C(1),
    /** The low 32 bits of XXH64 (seed 0). */
    XXHASH64(3),
    /**
     * The low 32 bits of XXH3-64 (seed 0) of all but the last byte, mixed with the last byte (the
     * block's type byte) as RocksDB's {@code ModifyChecksumForLastByte} does; RocksDB's default.
     */
    XXH3(4);

    private final int code;

    ChecksumType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The checksum type for a footer code, or {@code null} if we do not implement it. */
    public static ChecksumType ofCode(int code) {
        return switch (code) {
            case 1 -> CRC32C;
            case 3 -> XXHASH64;
            case 4 -> XXH3;
            default -> null;
        };
    }

    /** RocksDB's name for a checksum type code, for messages about one we do not implement. */
    public static String rocksDbName(int code) {
        return switch (code) {
            case 0 -> "kNoChecksum";
            case 1 -> "kCRC32c";
            case 2 -> "kxxHash";
            case 3 -> "kxxHash64";
            case 4 -> "kXXH3";
            default -> "unknown";
        };
    }
}
