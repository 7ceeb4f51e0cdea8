package io.lode.dataset;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Turns records into the bytes of one data file and back. Its {@link #name()} is recorded in each
 * manifest and checked on read. Built in: {@link Codecs#jsonl()} and {@link Codecs#parquet}.
 */
public interface Codec {
    /** The name recorded in manifests, e.g. {@code jsonl}. */
    String name();

    /** Writes {@code records} to {@code out}; does not close it. */
    void encode(OutputStream out, List<? extends Map<String, ?>> records);

    /** Reads every record of a data file; does not close {@code in}. */
    List<Map<String, Object>> decode(InputStream in);

    /** Statistics of the most recent {@link #encode}, or null when the codec reports none. */
    default FileStats fileStats() {
        return null;
    }
}
