package io.lode.sst.format;

/**
 * An SST whose bytes are not what its writer wrote: a block whose checksum does not match, or a
 * structure (footer, block handle, varint, restart array, compressed stream) that cannot be valid.
 *
 * <p>It names the source (file name or object key) and the byte offset of the damaged structure so
 * that the engine can report, quarantine or re-fetch the file. The engine maps {@link Kind} onto its
 * public error codes.
 */
public final class SstCorruptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of damage was detected. */
    public enum Kind {
        /** A block trailer's checksum does not match the block's bytes. */
        CHECKSUM_MISMATCH,
        /** The bytes are structurally impossible (bad magic, lengths out of bounds, truncation...). */
        CORRUPTION,
        /**
         * A well-formed table that uses a feature this reader does not implement (a format version,
         * checksum, compression or index type); the message names the feature.
         */
        UNSUPPORTED
    }

    private final Kind kind;
    private final String source;
    private final long offset;

    public SstCorruptionException(Kind kind, String source, long offset, String what) {
        this(kind, source, offset, what, null);
    }

    public SstCorruptionException(Kind kind, String source, long offset, String what, Throwable cause) {
        super(describe(kind, source, offset, what), cause);
        this.kind = kind;
        this.source = source;
        this.offset = offset;
    }

    private static String describe(Kind kind, String source, long offset, String what) {
        String label = kind == Kind.CHECKSUM_MISMATCH ? "checksum mismatch" : "corrupt SST";
        return label + " in " + source + " at offset " + offset + ": " + what;
    }

    public Kind kind() {
        return kind;
    }

    /** The file name or object key of the damaged SST. */
    public String source() {
        return source;
    }

    /** The file offset of the damaged block or structure. */
    public long offset() {
        return offset;
    }
}
