package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
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

    /**
     * Writes what Go's {@code encoding/json} writes: {@code <}, {@code >} and {@code &} escaped as
     * {@code \u003c}, {@code \u003e} and {@code \u0026}. Datasets use it so that files and manifests
     * are the bytes Lode (Go) would write.
     */
    private static final CharacterEscapes GO_ESCAPES = new CharacterEscapes() {
        private final int[] codes = goAsciiEscapes();

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
    };

    private static int[] goAsciiEscapes() {
        int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
        codes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
        codes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
        codes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
        return codes;
    }

    static final JsonFactory GO_FACTORY = FACTORY.rebuild().characterEscapes(GO_ESCAPES).build();

    /** Go's {@code json.MarshalIndent(v, "", "  ")} layout: {@code "name": value}, two-space indents, {@code []} and {@code {}} when empty. */
    private static final ObjectWriteContext GO_INDENTED = new ObjectWriteContext.Base() {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            Separators separators = Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.NONE)
                    .withArrayElementSpacing(Separators.Spacing.NONE)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("");
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    };

    private JsonFormat() {}

    /** Writes one JSON document with {@code body} as Go's {@code json.MarshalIndent} lays it out. */
    public static byte[] writeGoIndented(Consumer<JsonGenerator> body) {
        return write(GO_FACTORY, GO_INDENTED, body);
    }

    /** Separates top-level values by a line break instead of Jackson's space: JSON Lines. */
    private static final ObjectWriteContext LINES = new ObjectWriteContext.Base() {
        @Override
        public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
            return new SerializedString("\n");
        }
    };

    /**
     * A generator of JSON Lines over {@code out}, compact and with Go's escaping: top-level values
     * are separated by line breaks (write the last one's yourself). Closing it does not close {@code out}.
     */
    public static JsonGenerator goJsonLinesGenerator(OutputStream out) {
        OutputStream keepOpen = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
        return GO_FACTORY.createGenerator(LINES, keepOpen);
    }

    /** Writes one JSON document with {@code body} and returns its UTF-8 bytes. */
    public static byte[] write(Consumer<JsonGenerator> body) {
        return write(FACTORY, ObjectWriteContext.empty(), body);
    }

    private static byte[] write(JsonFactory factory, ObjectWriteContext context, Consumer<JsonGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = factory.createGenerator(context, out)) {
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
