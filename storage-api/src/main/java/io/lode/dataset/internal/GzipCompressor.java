package io.lode.dataset.internal;

import io.lode.dataset.Compressor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip with the JDK's zlib. */
public final class GzipCompressor implements Compressor {
    public static final GzipCompressor INSTANCE = new GzipCompressor();
    private static final int BUFFER = 64 << 10;

    private GzipCompressor() {}

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String extension() {
        return ".gz";
    }

    @Override
    public OutputStream compress(OutputStream out) throws IOException {
        // Buffered in front so that small record writes do not each reach the deflater.
        return new BufferedOutputStream(new GZIPOutputStream(out, BUFFER), BUFFER);
    }

    @Override
    public InputStream decompress(InputStream in) throws IOException {
        return new GZIPInputStream(in, BUFFER);
    }
}
