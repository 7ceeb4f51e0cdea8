package io.lode.isle;

import java.util.OptionalLong;

/**
 * Reads a log sequence number from a key, for databases whose keys are LSNs (event logs, change
 * streams). A writer with an extractor records, in every commit, the highest LSN committed so far and
 * the lowest one retained, so readers and tailers learn the head and floor of the log from the
 * manifest alone ({@link IsleReader#maxCommittedLsn()}). The extractor must preserve key order:
 * a larger key never has a smaller LSN, and must be safe to call from several threads at once (a
 * flush reads the two halves of a memtable on two threads); a pure function of the key is both.
 */
@FunctionalInterface
public interface CommittedLsnExtractor {
    /** The LSN of {@code key}, or empty if the key is not an LSN key. */
    OptionalLong lsnOf(byte[] key);

    /** Keys that are exactly 8 bytes, an unsigned big-endian number (the order-preserving encoding). */
    static CommittedLsnExtractor bigEndianLong() {
        return key -> {
            if (key.length != 8) {
                return OptionalLong.empty();
            }
            long v = 0;
            for (byte b : key) {
                v = (v << 8) | (b & 0xFF);
            }
            return OptionalLong.of(v);
        };
    }
}
