package io.lode.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compresses data files after encoding. Its name is recorded in each manifest (always, even
 * {@code noop}) and checked on read; its extension is the data file's only suffix. Built in:
 * {@link Compressors}.
 */
public interface Compressor {
    /** The name recorded in manifests: {@code noop}, {@code gzip}, {@code zstd}. */
    String name();

    /** The file-name suffix: {@code ""}, {@code .gz}, {@code .zst}. */
    String extension();

    /** A stream that compresses into {@code out}; closing it finishes the frame and closes {@code out}. */
    OutputStream compress(OutputStream out) throws IOException;

    /** A stream that decompresses {@code in}; closing it closes {@code in}. */
    InputStream decompress(InputStream in) throws IOException;
}
