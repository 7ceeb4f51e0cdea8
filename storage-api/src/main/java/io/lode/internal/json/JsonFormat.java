package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * The one JSON factory of Lode's metadata objects, with limits that keep a damaged or hostile
 * object from costing unbounded memory or time.
 */
public final class JsonFormat {
    /** Metadata objects are small; anything larger than this is not one of ours. */
    public static final int MAX_DOCUMENT_BYTES = 256 << 20;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .maxStringLength(64 << 20)
                    .maxNumberLength(64)
                    .build())
            .build();

    private JsonFormat() {}

    /** Writes one JSON document with {@code body} and returns its UTF-8 bytes. */
    public static byte[] write(Consumer<JsonGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            body.accept(g);
        } catch (RuntimeException e) {
            if (e instanceof LodeException le) {
                throw le;
            }
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "cannot write JSON: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
