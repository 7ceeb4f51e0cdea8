package io.lode.parquet.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a whole Parquet file held in memory into records. It parses the footer and pages itself
 * and hands them to parquet-java's record assembly: parquet-java's {@code ParquetFileReader}
 * cannot be configured without loading Hadoop classes. Every offset and size the file claims is
 * checked against the bytes actually there.
 */
final class FileDecoder {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private final byte[] file;
    private final ParquetSchema schema;
    private final ParquetMetadataConverter converter = new ParquetMetadataConverter();

    FileDecoder(byte[] file, ParquetSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    List<Map<String, Object>> decode() throws IOException {
        ParquetMetadata footer = footer();
        MessageType fileSchema = footer.getFileMetaData().getSchema();
        List<ParquetField> read = new ArrayList<>();
        List<PrimitiveType> columns = new ArrayList<>();
        Map<String, ParquetField> byName = new HashMap<>();
        schema.fields().forEach(f -> byName.put(f.name(), f));
        for (Type t : fileSchema.getFields()) {
            ParquetField f = byName.get(t.getName());
            if (f == null) {
                continue; // a column the schema does not ask for
            }
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet file column '" + t.getName() + "' is " + t
                        + "; schema field '" + f.name() + "' can only read a flat, non-repeated column");
            }
            RowMaterializer.checkReadable(f, t.asPrimitiveType());
            read.add(f);
            columns.add(t.asPrimitiveType());
        }
        for (ParquetField f : schema.fields()) {
            if (!f.nullable() && !read.contains(f)) {
                throw new LodeException(ErrorCode.SCHEMA_VIOLATION, "the Parquet file has no column '" + f.name()
                        + "', which the schema requires; declare it nullable to read such files");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (read.isEmpty()) {
            // Rows with no column to read carry no bytes, so bound what the footer may claim.
            long total = 0;
            for (BlockMetaData b : footer.getBlocks()) {
                total += b.getRowCount();
            }
            if (total < 0 || total > file.length) {
                throw corrupt("the footer claims " + total + " rows in a file of " + file.length + " bytes without a column to read");
            }
        }
        MessageType requested = new MessageType(fileSchema.getName(), columns.stream().map(c -> (Type) c).toList());
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        RowMaterializer materializer = new RowMaterializer(schema.fields(), read, columns);
        for (BlockMetaData block : footer.getBlocks()) {
            if (block.getRowCount() < 0) {
                throw corrupt("a row group claims " + block.getRowCount() + " rows");
            }
            if (block.getRowCount() == 0) {
                continue;
            }
            PageReadStore pages = rowGroup(block, requested);
            RecordReader<Map<String, Object>> reader = io.getRecordReader(pages, materializer, FilterCompat.NOOP);
            for (long r = 0; r < block.getRowCount(); r++) {
                rows.add(reader.read());
            }
        }
        return rows;
    }

    private ParquetMetadata footer() throws IOException {
        int n = file.length;
        if (n < 12 || !magicAt(0) || !magicAt(n - 4)) {
            throw corrupt(n == 0 ? "the data file is empty" : "the data file is not Parquet (it does not start and end with PAR1; "
                    + n + " bytes)");
        }
        int footerLength = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
        if (footerLength <= 0 || footerLength > n - 12) {
            throw corrupt("the footer length " + footerLength + " does not fit a file of " + n + " bytes (truncated?)");
        }
        // Util with an explicit size limit: ParquetMetadataConverter.readParquetMetadata without
        // ParquetReadOptions passes -1 for "the default", which parquet-format 1.17.1 rejects.
        return converter.fromParquetMetadata(Util.readFileMetaData(new ByteArrayInputStream(file, n - 8 - footerLength, footerLength),
                footerLength));
    }

    private boolean magicAt(int at) {
        for (int i = 0; i < 4; i++) {
            if (file[at + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private PageReadStore rowGroup(BlockMetaData block, MessageType requested) throws IOException {
        Map<ColumnDescriptor, PageReader> readers = new HashMap<>();
        for (ColumnDescriptor column : requested.getColumns()) {
            ColumnPath path = ColumnPath.get(column.getPath());
            ColumnChunkMetaData chunk = null;
            for (ColumnChunkMetaData c : block.getColumns()) {
                if (c.getPath().equals(path)) {
                    chunk = c;
                    break;
                }
            }
            if (chunk == null) {
                throw corrupt("a row group has no chunk for column " + String.join(".", column.getPath()));
            }
            readers.put(column, pages(chunk, column));
        }
        long rows = block.getRowCount();
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor descriptor) {
                PageReader r = readers.get(descriptor);
                if (r == null) {
                    throw corrupt("no pages for column " + descriptor);
                }
                return r;
            }

            @Override
            public long getRowCount() {
                return rows;
            }
        };
    }

    /** Every page of one column chunk, decompressed. */
    private PageReader pages(ColumnChunkMetaData chunk, ColumnDescriptor column) throws IOException {
        long start = chunk.getStartingPos();
        long size = chunk.getTotalSize();
        if (start < 4 || size < 0 || start + size > file.length - 8) {
            throw corrupt("column " + chunk.getPath() + " claims bytes [" + start + ", " + (start + size) + ") of a "
                    + file.length + "-byte file (truncated?)");
        }
        CountingInput in = new CountingInput(file, (int) start, (int) size);
        DictionaryPage dictionary = null;
        ArrayDeque<DataPage> data = new ArrayDeque<>();
        long values = 0;
        while (in.remaining() > 0 && values < chunk.getValueCount()) {
            PageHeader h = Util.readPageHeader(in);
            int compressed = h.getCompressed_page_size();
            if (compressed < 0 || compressed > in.remaining()) {
                throw corrupt("a page of column " + chunk.getPath() + " claims " + compressed + " bytes; " + in.remaining() + " remain");
            }
            byte[] body = in.take(compressed);
            int uncompressed = h.getUncompressed_page_size();
            switch (h.getType()) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(bytes(chunk, body, uncompressed), uncompressed,
                        h.getDictionary_page_header().getNum_values(), encoding(h.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> {
                    DataPageHeader d = h.getData_page_header();
                    data.add(new DataPageV1(bytes(chunk, body, uncompressed), d.getNum_values(), uncompressed, null,
                            encoding(d.getRepetition_level_encoding()), encoding(d.getDefinition_level_encoding()), encoding(d.getEncoding())));
                    values += d.getNum_values();
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 d = h.getData_page_header_v2();
                    int levels = d.getRepetition_levels_byte_length() + d.getDefinition_levels_byte_length();
                    if (d.getRepetition_levels_byte_length() < 0 || d.getDefinition_levels_byte_length() < 0 || levels > body.length
                            || levels > uncompressed) {
                        throw corrupt("a v2 page of column " + chunk.getPath() + " claims more level bytes than it has");
                    }
                    BytesInput rl = BytesInput.from(body, 0, d.getRepetition_levels_byte_length());
                    BytesInput dl = BytesInput.from(body, d.getRepetition_levels_byte_length(), d.getDefinition_levels_byte_length());
                    byte[] rest = Arrays.copyOfRange(body, levels, body.length);
                    BytesInput values2 = d.isIs_compressed() ? bytes(chunk, rest, uncompressed - levels) : BytesInput.from(rest);
                    data.add(DataPageV2.uncompressed(d.getNum_rows(), d.getNum_nulls(), d.getNum_values(), rl, dl,
                            encoding(d.getEncoding()), values2, null));
                    values += d.getNum_values();
                }
                default -> { } // index pages and unknown kinds carry no values
            }
        }
        DictionaryPage dict = dictionary;
        long total = chunk.getValueCount();
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dict;
            }

            @Override
            public long getTotalValueCount() {
                return total;
            }

            @Override
            public DataPage readPage() {
                return data.poll();
            }
        };
    }

    private BytesInput bytes(ColumnChunkMetaData chunk, byte[] body, int uncompressed) throws IOException {
        return BytesInput.from(PageCompression.decompress(chunk.getCodec(), body, uncompressed));
    }

    private Encoding encoding(org.apache.parquet.format.Encoding e) {
        if (e == null) {
            throw corrupt("a page header has no encoding");
        }
        return converter.getEncoding(e);
    }

    static LodeException corrupt(String what) {
        return new LodeException(ErrorCode.CORRUPTION, "invalid Parquet data: " + what);
    }

    static LodeException corrupt(String what, Throwable cause) {
        return new LodeException(ErrorCode.CORRUPTION, "invalid Parquet data: " + what, cause);
    }

    /** A bounded window of the file that knows how much of it is left. */
    private static final class CountingInput extends ByteArrayInputStream {
        CountingInput(byte[] b, int offset, int length) {
            super(b, offset, length);
        }

        int remaining() {
            return count - pos;
        }

        byte[] take(int n) {
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }
    }
}
