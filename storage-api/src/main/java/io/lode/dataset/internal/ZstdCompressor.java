package io.lode.dataset.internal;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import io.lode.dataset.Compressor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Zstandard (level 3, zstd's default) with zstd-jni. */
public final class ZstdCompressor implements Compressor {
    public static final ZstdCompressor INSTANCE = new ZstdCompressor();
    private static final int BUFFER = 64 << 10;

    private ZstdCompressor() {}

    @Override
    public String name() {
        return "zstd";
    }

    @Override
    public String extension() {
        return ".zst";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        return new BufferedOutputStream(new ZstdOutputStream(out), BUFFER);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStream(in);
    }
}
