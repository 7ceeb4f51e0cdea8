package io.lode.sst.format;

/** The block checksum, with RocksDB's code as stored in the footer's checksum type byte. */
public enum ChecksumType {
    /** CRC32C, masked as LevelDB does; RocksDB's default. */
    CRC32C(1),
    /** The low 32 bits of XXH64 (seed 0). */
    XXHASH64(3);

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
            default -> null;
        };
    }
}
