package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The flat columns of the Parquet files a codec writes, in file order. Records are maps keyed by
 * field name; keys that name no field are ignored.
 */
public final class ParquetSchema {
    private final List<ParquetField> fields;

    private ParquetSchema(List<ParquetField> fields) {
        this.fields = fields;
    }

    /**
     * A schema of these fields. An empty list is allowed (the files then have no columns).
     *
     * @throws LodeException {@code SCHEMA_VIOLATION} for a null field or type, an empty name or a
     *     duplicate name
     */
    public static ParquetSchema of(List<ParquetField> fields) {
        if (fields == null) {
            throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "a Parquet schema needs a list of fields (it may be empty), not null");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            ParquetField f = fields.get(i);
            if (f == null) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet schema field " + i + " is null");
            }
            if (f.name() == null || f.name().isEmpty()) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet schema field " + i + " has an empty name; give every field a name");
            }
            if (f.type() == null) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet schema field '" + f.name() + "' has no type; use one of "
                        + List.of(ParquetType.values()));
            }
            if (!names.add(f.name())) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet schema field '" + f.name() + "' is declared twice; names must be unique");
            }
        }
        return new ParquetSchema(List.copyOf(fields));
    }

    /** A schema of these fields; see {@link #of(List)}. */
    public static ParquetSchema of(ParquetField... fields) {
        if (fields == null) {
            return of((List<ParquetField>) null);
        }
        return of(Arrays.asList(fields));
    }

    /** The fields, in file order. */
    public List<ParquetField> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return "ParquetSchema" + fields;
    }
}
