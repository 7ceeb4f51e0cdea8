package io.lode.sst;

/**
 * The kind byte in the low 8 bits of an internal key's trailer, with RocksDB's codes so that
 * RocksDB reads our tombstones as deletions.
 */
public enum ValueKind {
    DELETE(0),
    SET(1);

    private final int code;

    ValueKind(int code) {
        this.code = code;
    }

    /** The code stored in the trailer. */
    public int code() {
        return code;
    }

    /** The kind for {@code code}, or {@code null} for a code we do not write (merge, range delete...). */
    public static ValueKind ofCode(int code) {
        return switch (code) {
            case 0 -> DELETE;
            case 1 -> SET;
            default -> null;
        };
    }
}
