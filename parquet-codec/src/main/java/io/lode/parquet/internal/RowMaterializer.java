package io.lode.parquet.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Builds one map per row, keyed by every schema field in schema order (an explicit null where the
 * row has no value), from the columns of a file. Each schema field is read from the file column
 * of the same name; the column's Parquet type must be one the field's {@link ParquetType} can read.
 */
final class RowMaterializer extends RecordMaterializer<Map<String, Object>> {
    private final List<ParquetField> fields;
    private final GroupConverter root;
    /** The row being assembled, by schema position; null where the row has no value. */
    private Object[] values;
    private Map<String, Object> current;

    /**
     * @param fields every schema field, in schema order
     * @param read the fields present in the file, in the file's order, with their file columns
     */
    RowMaterializer(List<ParquetField> fields, List<ParquetField> read, List<PrimitiveType> columns) {
        this.fields = fields;
        Converter[] converters = new Converter[read.size()];
        for (int i = 0; i < converters.length; i++) {
            converters[i] = converter(fields.indexOf(read.get(i)), read.get(i), columns.get(i));
        }
        this.root = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return converters[fieldIndex];
            }

            @Override
            public void start() {
                values = new Object[RowMaterializer.this.fields.size()];
            }

            @Override
            public void end() {
                // Built once per row from the collected values: one put per field, in schema order.
                current = new LinkedHashMap<>(RowMaterializer.this.fields.size() * 2);
                for (int i = 0; i < values.length; i++) {
                    current.put(RowMaterializer.this.fields.get(i).name(), values[i]);
                }
            }
        };
    }

    @Override
    public Map<String, Object> getCurrentRecord() {
        return current;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    /** Fails with {@code SCHEMA_VIOLATION} unless field {@code f} can read a file column of type {@code c}. */
    static void checkReadable(ParquetField f, PrimitiveType c) {
        if (converterKind(f, c) == null) {
            throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet file column '" + c.getName() + "' is " + c
                    + ", which schema field '" + f.name() + "' (" + f.type() + ") cannot read");
        }
    }

    private enum Kind { INT, LONG, LONG_FROM_INT, FLOAT, DOUBLE, DOUBLE_FROM_FLOAT, STRING, BYTES, BOOL, TIME_MILLIS, TIME_MICROS, TIME_NANOS }

    private static Kind converterKind(ParquetField f, PrimitiveType c) {
        LogicalTypeAnnotation logical = c.getLogicalTypeAnnotation();
        return switch (f.type()) {
            case INT32 -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32 ? Kind.INT : null;
            case INT64 -> switch (c.getPrimitiveTypeName()) {
                case INT64 -> logical instanceof TimestampLogicalTypeAnnotation ? null : Kind.LONG;
                case INT32 -> Kind.LONG_FROM_INT;
                default -> null;
            };
            case FLOAT32 -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT ? Kind.FLOAT : null;
            case FLOAT64 -> switch (c.getPrimitiveTypeName()) {
                case DOUBLE -> Kind.DOUBLE;
                case FLOAT -> Kind.DOUBLE_FROM_FLOAT;
                default -> null;
            };
            case STRING -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY ? Kind.STRING : null;
            case BYTES -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                    || c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY ? Kind.BYTES : null;
            case BOOL -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BOOLEAN ? Kind.BOOL : null;
            case TIMESTAMP -> c.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64 && logical instanceof TimestampLogicalTypeAnnotation t
                    ? switch (t.getUnit()) {
                        case MILLIS -> Kind.TIME_MILLIS;
                        case MICROS -> Kind.TIME_MICROS;
                        case NANOS -> Kind.TIME_NANOS;
                    }
                    : null;
        };
    }

    private PrimitiveConverter converter(int slot, ParquetField f, PrimitiveType c) {
        Kind kind = converterKind(f, c);
        return new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                values[slot] = kind == Kind.LONG_FROM_INT ? (Object) (long) value : (Object) value;
            }

            @Override
            public void addLong(long value) {
                values[slot] = switch (kind) {
                    case TIME_MILLIS -> Instant.ofEpochMilli(value);
                    case TIME_MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
                    case TIME_NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
                    default -> value;
                };
            }

            @Override
            public void addFloat(float value) {
                values[slot] = kind == Kind.DOUBLE_FROM_FLOAT ? (Object) (double) value : (Object) value;
            }

            @Override
            public void addDouble(double value) {
                values[slot] = value;
            }

            @Override
            public void addBoolean(boolean value) {
                values[slot] = value;
            }

            @Override
            public void addBinary(Binary value) {
                values[slot] = kind == Kind.STRING ? value.toStringUsingUTF8() : value.getBytes();
            }
        };
    }
}
