package io.lode.dataset.internal;

import io.lode.dataset.Compressor;
import java.io.InputStream;
import java.io.OutputStream;

/** Stores bytes as they are; still recorded as {@code noop}, because Lode never leaves a component implicit. */
public final class NoopCompressor implements Compressor {
    public static final NoopCompressor INSTANCE = new NoopCompressor();

    private NoopCompressor() {}

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public String extension() {
        return "";
    }

    @Override
    public OutputStream compress(OutputStream out) {
        return out;
    }

    @Override
    public InputStream decompress(InputStream in) {
        return in;
    }
}
