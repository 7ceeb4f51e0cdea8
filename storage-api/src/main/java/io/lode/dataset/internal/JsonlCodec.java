package io.lode.dataset.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.RecordEncoder;
import io.lode.dataset.StreamingCodec;
import io.lode.internal.json.JsonFormat;
import io.lode.internal.json.JsonObject;
import io.lode.internal.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/** JSON Lines as Lode writes it: one compact object per line, keys sorted, each line ended by {@code \n}. */
public final class JsonlCodec implements StreamingCodec {
    /** Lode's reader refuses longer lines; so does this one, to bound memory on a damaged file. */
    static final int MAX_LINE_BYTES = 10 << 20;

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public void encode(OutputStream out, List<? extends Map<String, ?>> records) {
        RecordEncoder e = newEncoder(out);
        for (Map<String, ?> r : records) {
            e.write(r);
        }
        e.finish();
    }

    @Override
    public RecordEncoder newEncoder(OutputStream out) {
        JsonGenerator g = JsonFormat.goJsonLinesGenerator(out);
        return new RecordEncoder() {
            private long written;

            @Override
            public void write(Map<String, ?> record) {
                if (record == null) {
                    throw new LodeException(ErrorCode.INVALID_ARGUMENT, "record " + written + " is null; records are maps");
                }
                try {
                    JsonValues.write(g, record, "record " + written);
                } catch (JacksonException e) {
                    throw failure(e);
                }
                written++;
            }

            @Override
            public void finish() {
                try {
                    if (written > 0) {
                        g.writeRaw('\n');
                    }
                    g.close();
                } catch (JacksonException e) {
                    throw failure(e);
                }
            }
        };
    }

    private static LodeException failure(JacksonException e) {
        if (e.getCause() instanceof IOException io) {
            return new LodeException(ErrorCode.IO, "cannot write a JSON Lines record: " + io.getMessage(), io);
        }
        return new LodeException(ErrorCode.INVALID_ARGUMENT, "cannot write a JSON Lines record: " + e.getOriginalMessage(), e);
    }

    @Override
    public List<Map<String, Object>> decode(InputStream in) {
        List<Map<String, Object>> records = new ArrayList<>();
        try {
            LineReader lines = new LineReader(in);
            byte[] line;
            while ((line = lines.next()) != null) {
                if (!isBlank(line)) {
                    records.add(JsonObject.parse(line, "JSON Lines record at line " + lines.number).asPlainMap());
                }
            }
        } catch (IOException e) {
            throw new LodeException(ErrorCode.CORRUPTION, "cannot read JSON Lines: " + e.getMessage(), e);
        }
        return records;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Lines as bytes, each at most {@link #MAX_LINE_BYTES}. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[64 << 10];
        private int pos;
        private int end;
        long number;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream partial = null;
            while (true) {
                if (pos == end) {
                    end = in.read(buf);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        if (partial == null) {
                            return null;
                        }
                        number++;
                        return partial.toByteArray();
                    }
                }
                int nl = indexOf(buf, pos, end);
                int stop = nl < 0 ? end : nl;
                int size = (partial == null ? 0 : partial.size()) + stop - pos;
                if (size > MAX_LINE_BYTES) {
                    throw new LodeException(ErrorCode.CORRUPTION, "JSON Lines record at line " + (number + 1) + " is longer than "
                            + MAX_LINE_BYTES + " bytes");
                }
                if (nl >= 0 && partial == null) {
                    byte[] line = Arrays.copyOfRange(buf, pos, nl);
                    pos = nl + 1;
                    number++;
                    return line;
                }
                if (partial == null) {
                    partial = new ByteArrayOutputStream();
                }
                partial.write(buf, pos, stop - pos);
                pos = nl < 0 ? end : nl + 1;
                if (nl >= 0) {
                    number++;
                    return partial.toByteArray();
                }
            }
        }

        private static int indexOf(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
