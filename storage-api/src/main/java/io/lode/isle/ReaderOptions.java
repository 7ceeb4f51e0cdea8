package io.lode.isle;

/**
 * Options of an {@link IsleReader}.
 *
 * @param blobCacheBytes how many bytes of recently read blobs to keep in memory (default 64 MiB)
 */
public record ReaderOptions(long blobCacheBytes) {
    public static ReaderOptions defaults() {
        return new ReaderOptions(64L << 20);
    }
}
