package io.lode.core.key;

/**
 * The 8-byte trailer that turns a user key into an internal key: {@code (sequence << 8) | kind},
 * stored little-endian right after the user key bytes (RocksDB's layout).
 *
 * <p>Internal keys order by user key (unsigned ascending), then by trailer <em>descending</em>, so the
 * newest version of a key comes first. Trailers are compared unsigned: a 56-bit sequence shifted left
 * by 8 can set the sign bit.
 */
public final class InternalKeyTrailer {
    /** The trailer's size in bytes. */
    public static final int BYTES = 8;
    /** The largest sequence number: sequence numbers have 56 bits. */
    public static final long MAX_SEQUENCE = (1L << 56) - 1;

    private InternalKeyTrailer() {}

    /** The trailer of {@code kind} at {@code sequence}. */
    public static long of(long sequence, EntryKind kind) {
        checkSequence(sequence);
        return (sequence << 8) | kind.code();
    }

    /**
     * The trailer to seek with so that a search lands on the newest version at or below
     * {@code sequence}: the largest trailer with that sequence, which sorts before every real entry
     * of that sequence.
     */
    public static long seekTarget(long sequence) {
        checkSequence(sequence);
        return (sequence << 8) | 0xFF;
    }

    /** The sequence number of {@code trailer}. */
    public static long sequence(long trailer) {
        return trailer >>> 8;
    }

    /** The kind of {@code trailer}. */
    public static EntryKind kind(long trailer) {
        return EntryKind.fromCode((int) (trailer & 0xFF));
    }

    /**
     * Compares trailers in internal-key order: negative when {@code a} sorts first, that is when
     * {@code a} is the newer one.
     */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(b, a);
    }

    /** @throws IllegalArgumentException unless {@code 0 <= sequence <= MAX_SEQUENCE} */
    public static void checkSequence(long sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException(
                    "sequence number " + sequence + " is outside [0, " + MAX_SEQUENCE + "] (56 bits)");
        }
    }
}
