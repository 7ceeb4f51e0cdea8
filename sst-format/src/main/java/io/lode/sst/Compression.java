package io.lode.sst;

/** Block compression, with the type byte RocksDB stores in each block trailer. */
public enum Compression {
    NONE(0x00, "NoCompression"),
    LZ4(0x04, "LZ4"),
    /** Level 3, RocksDB's default: smaller blocks than LZ4, slower to decompress. */
    ZSTD(0x07, "ZSTD");

    private final int typeByte;
    private final String rocksDbName;

    Compression(int typeByte, String rocksDbName) {
        this.typeByte = typeByte;
        this.rocksDbName = rocksDbName;
    }

    /** The compression type byte of a block trailer. */
    public int typeByte() {
        return typeByte;
    }

    /** The name RocksDB records in the {@code rocksdb.compression} property. */
    public String rocksDbName() {
        return rocksDbName;
    }

    /**
     * The compression for a trailer's type byte, or {@code null} if we cannot decode it. LZ4HC (0x05)
     * is LZ4 data, decoded as LZ4.
     */
    public static Compression ofTypeByte(int typeByte) {
        return switch (typeByte) {
            case 0x00 -> NONE;
            case 0x04, 0x05 -> LZ4;
            case 0x07 -> ZSTD;
            default -> null;
        };
    }

    /** RocksDB's name for a compression type byte, for messages about one we do not decode. */
    public static String rocksDbName(int typeByte) {
        return switch (typeByte) {
            case 0x00 -> "NoCompression";
            case 0x01 -> "Snappy";
            case 0x02 -> "Zlib";
            case 0x03 -> "BZip2";
            case 0x04 -> "LZ4";
            case 0x05 -> "LZ4HC";
            case 0x06 -> "XPRESS";
            case 0x07 -> "ZSTD";
            default -> "an unknown compression";
        };
    }
}
