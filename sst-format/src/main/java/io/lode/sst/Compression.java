package io.lode.sst;

/** Block compression, with the type byte RocksDB stores in each block trailer. */
public enum Compression {
    NONE(0x00, "NoCompression"),
    LZ4(0x04, "LZ4");

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

    /** The compression for a trailer's type byte, or {@code null} if we cannot decode it. */
    public static Compression ofTypeByte(int typeByte) {
        return switch (typeByte) {
            case 0x00 -> NONE;
            case 0x04 -> LZ4;
            default -> null;
        };
    }
}
