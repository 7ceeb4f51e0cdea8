package io.lode.parquet.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Codec;
import io.lode.dataset.ColumnStats;
import io.lode.dataset.FileStats;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The {@code parquet} codec: each data file is one Parquet file of the schema's columns. Encoding
 * checks and converts every value first (a violation names record and field), then writes it; the
 * statistics of a successful encode are kept for the dataset to put in the manifest.
 */
public final class ParquetCodec implements Codec {
    private final ParquetSchema schema;
    private final CompressionCodecName compression;
    private final long rowGroupBytes;
    private final int rowGroupRows;
    private FileStats lastStats;

    public ParquetCodec(ParquetSchema schema, ParquetCompression compression, long rowGroupBytes, int rowGroupRows) {
        this.schema = schema;
        this.compression = switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
        };
        this.rowGroupBytes = rowGroupBytes;
        this.rowGroupRows = rowGroupRows;
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public void encode(OutputStream out, List<? extends Map<String, ?>> records) {
        lastStats = null;
        if (records == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "records must not be null");
        }
        if (schema.fields().isEmpty()) {
            throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "a Parquet file needs at least one column; add a field to the schema");
        }
        List<ParquetField> fields = schema.fields();
        ColumnStatsBuilder[] stats = new ColumnStatsBuilder[fields.size()];
        for (int i = 0; i < stats.length; i++) {
            stats[i] = new ColumnStatsBuilder(fields.get(i));
        }
        long row = 0;
        try (ParquetWriter<Object[]> writer = RowWriter.open(new StreamOutputFile(out), schema, compression, rowGroupBytes, rowGroupRows)) {
            // Iterated as objects: an unchecked caller may slip a non-map into the list.
            for (Object record : records) {
                Object[] values = row(record, row);
                for (int i = 0; i < values.length; i++) {
                    stats[i].add(values[i]);
                }
                writer.write(values);
                row++;
            }
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot write Parquet record " + row + ": " + e.getMessage(), e);
        }
        List<ColumnStats> columns = new ArrayList<>(stats.length);
        for (ColumnStatsBuilder s : stats) {
            columns.add(s.build());
        }
        lastStats = new FileStats(row, columns);
    }

    private Object[] row(Object o, long row) {
        if (!(o instanceof Map<?, ?> record)) {
            throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet record " + row + " is "
                    + (o == null ? "null" : "a " + o.getClass().getName()) + "; records are maps keyed by field name");
        }
        List<ParquetField> fields = schema.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            ParquetField f = fields.get(i);
            Object v = record.get(f.name());
            if (v == null) {
                if (!f.nullable()) {
                    throw FieldValues.violation(f, row, (record.containsKey(f.name()) ? "is null" : "is missing")
                            + ", but the field is required; give it a value or declare it nullable");
                }
            } else {
                values[i] = FieldValues.coerce(f, v, row);
            }
        }
        return values;
    }

    @Override
    public List<Map<String, Object>> decode(InputStream in) {
        byte[] file;
        try {
            file = in.readAllBytes();
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot read a Parquet data file: " + e.getMessage(), e);
        }
        try {
            return new FileDecoder(file, schema).decode();
        } catch (LodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // parquet-java reports damage as IOException, ParquetDecodingException and friends.
            throw FileDecoder.corrupt(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FileStats fileStats() {
        return lastStats;
    }

    @Override
    public String toString() {
        return "parquet(" + schema + ", " + compression + ")";
    }
}
