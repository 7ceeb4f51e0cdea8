package io.lode.core.key;

/**
 * What an internal key records about its user key: a value or a deletion.
 *
 * <p>The codes are the low byte of the {@linkplain InternalKeyTrailer trailer} and match RocksDB's
 * {@code kTypeDeletion} and {@code kTypeValue}, so our memtables and SST files agree with RocksDB's.
 */
public enum EntryKind {
    /** A tombstone: the user key has no value at this sequence number. */
    DELETE(0),
    /** A value for the user key. */
    SET(1);

    private final int code;

    EntryKind(int code) {
        this.code = code;
    }

    /** The code stored in the trailer's low byte. */
    public int code() {
        return code;
    }

    /**
     * The kind with this trailer code.
     *
     * @throws IllegalArgumentException for a code we do not write (corruption or a foreign kind)
     */
    public static EntryKind fromCode(int code) {
        EntryKind kind = ofCode(code);
        if (kind == null) {
            throw new IllegalArgumentException("unknown entry kind code " + code);
        }
        return kind;
    }

    /** The kind with this trailer code, or {@code null} for one we do not write (merge, range delete...). */
    public static EntryKind ofCode(int code) {
        return switch (code) {
            case 0 -> DELETE;
            case 1 -> SET;
            default -> null;
        };
    }
}
