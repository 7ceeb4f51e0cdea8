package io.lode.parquet.internal;

import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * parquet-java's writer for rows already coerced to stored values (one array slot per schema
 * field, null for a missing value), configured without Hadoop: a plain configuration and our own
 * {@link PageCompression}.
 */
final class RowWriter {
    private RowWriter() {}

    /** The Parquet message type of {@code schema}: root {@code record}, fields in schema order. */
    static MessageType messageType(ParquetSchema schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (ParquetField f : schema.fields()) {
            Repetition rep = f.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (f.type()) {
                case INT32 -> b.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
                case INT64 -> b.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
                case FLOAT32 -> b.primitive(PrimitiveTypeName.FLOAT, rep).named(f.name());
                case FLOAT64 -> b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
                case STRING -> b.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
                case BOOL -> b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
                case BYTES -> b.primitive(PrimitiveTypeName.BINARY, rep).named(f.name());
                case TIMESTAMP -> b.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS)).named(f.name());
            }
        }
        return b.named("record");
    }

    static ParquetWriter<Object[]> open(OutputFile file, ParquetSchema schema, CompressionCodecName codec, long rowGroupBytes,
            int rowGroupRows) throws IOException {
        return new Builder(file, schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PageCompression())
                .withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes)
                .withRowGroupRowCountLimit(rowGroupRows)
                .build();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final ParquetSchema schema;

        Builder(OutputFile file, ParquetSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }

        /** Never called: {@link #withConf(ParquetConfiguration)} selects the Hadoop-free path. */
        @Override
        @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be overridden
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final ParquetSchema schema;
        private final MessageType type;
        private RecordConsumer consumer;

        RowWriteSupport(ParquetSchema schema) {
            this.schema = schema;
            this.type = messageType(schema);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(type, Map.of());
        }

        /** Never called: the writer is built with a {@link PlainParquetConfiguration}. */
        @Override
        @SuppressWarnings("deprecation") // abstract in parquet-java, so it must be overridden
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(type, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                ParquetField f = schema.fields().get(i);
                consumer.startField(f.name(), i);
                switch (f.type()) {
                    case INT32 -> consumer.addInteger((Integer) v);
                    case INT64 -> consumer.addLong((Long) v);
                    case FLOAT32 -> consumer.addFloat((Float) v);
                    case FLOAT64 -> consumer.addDouble((Double) v);
                    case STRING -> consumer.addBinary(Binary.fromString((String) v));
                    case BOOL -> consumer.addBoolean((Boolean) v);
                    case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
                    case TIMESTAMP -> consumer.addLong(FieldValues.epochNanos((Instant) v, f, 0)); // in range: coerce checked it
                }
                consumer.endField(f.name(), i);
            }
            consumer.endMessage();
        }
    }
}
