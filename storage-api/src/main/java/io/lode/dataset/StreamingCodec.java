package io.lode.dataset;

import java.io.OutputStream;

/** A codec that can encode records one at a time, as {@link Dataset#streamWriteRecords} needs. */
public interface StreamingCodec extends Codec {
    /** An encoder that writes records to {@code out} as they come. */
    RecordEncoder newEncoder(OutputStream out);
}
