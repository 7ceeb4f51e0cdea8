package io.lode.dataset;

import java.util.Map;

/** Encodes records one by one into a data file; see {@link StreamingCodec}. */
public interface RecordEncoder {
    /** Encodes one record. */
    void write(Map<String, ?> record);

    /** Finishes the file (writes any footer); does not close the underlying stream. */
    void finish();

    /** Statistics of the finished file, or null. Valid after {@link #finish()}. */
    default FileStats fileStats() {
        return null;
    }
}
