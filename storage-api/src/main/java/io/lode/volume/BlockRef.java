package io.lode.volume;

/**
 * A block of a volume: staged by {@link Volume#stageWriteAt}, visible once committed.
 *
 * @param offset where the block starts in the volume
 * @param length its length in bytes (at least 1)
 * @param path its store key, {@code volumes/<volume>/data/<offset>-<length>.bin}
 * @param checksum the checksum of its bytes, or null when the volume records none
 */
public record BlockRef(long offset, long length, String path, String checksum) {
    /** The offset just past the block; never overflows for a validated block. */
    public long end() {
        return offset + length;
    }
}
