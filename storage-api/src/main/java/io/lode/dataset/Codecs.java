package io.lode.dataset;

import io.lode.dataset.internal.JsonlCodec;

/** The built-in codecs. */
public final class Codecs {
    private Codecs() {}

    /**
     * JSON Lines ({@code jsonl}): one compact JSON object per line, keys sorted, {@code <>&} escaped
     * as Go does. Decodes integers as {@code Long}, other numbers as {@code Double}. Streaming.
     */
    public static StreamingCodec jsonl() {
        return new JsonlCodec();
    }
}
