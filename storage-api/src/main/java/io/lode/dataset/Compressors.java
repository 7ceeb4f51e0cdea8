package io.lode.dataset;

import io.lode.dataset.internal.GzipCompressor;
import io.lode.dataset.internal.NoopCompressor;
import io.lode.dataset.internal.ZstdCompressor;

/** The built-in compressors. */
public final class Compressors {
    private Compressors() {}

    /** No compression ({@code noop}, no extension): the default. */
    public static Compressor noop() {
        return NoopCompressor.INSTANCE;
    }

    /** gzip ({@code gzip}, {@code .gz}), with the JDK's deflater. */
    public static Compressor gzip() {
        return GzipCompressor.INSTANCE;
    }

    /** Zstandard ({@code zstd}, {@code .zst}), with zstd-jni. */
    public static Compressor zstd() {
        return ZstdCompressor.INSTANCE;
    }
}
