package io.lode.parquet;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Codec;
import io.lode.dataset.Codecs;
import io.lode.dataset.ColumnStats;
import io.lode.dataset.FileStats;
import io.lode.dataset.ParquetCompression;
import io.lode.dataset.ParquetField;
import io.lode.dataset.ParquetOptions;
import io.lode.dataset.ParquetSchema;
import io.lode.dataset.ParquetType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The codec on its own (the spec's group M): types, coercions, errors, damaged input, statistics. */
class ParquetCodecTest {
    static final ParquetSchema ALL_REQUIRED = ParquetSchema.of(
            ParquetField.required("i32", ParquetType.INT32),
            ParquetField.required("i64", ParquetType.INT64),
            ParquetField.required("f32", ParquetType.FLOAT32),
            ParquetField.required("f64", ParquetType.FLOAT64),
            ParquetField.required("s", ParquetType.STRING),
            ParquetField.required("b", ParquetType.BOOL),
            ParquetField.required("bytes", ParquetType.BYTES),
            ParquetField.required("ts", ParquetType.TIMESTAMP));

    static final ParquetSchema ALL_NULLABLE = ParquetSchema.of(ALL_REQUIRED.fields().stream()
            .map(f -> ParquetField.nullable(f.name(), f.type())).toList());

    static Map<String, Object> allTypes(int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("i32", i - 5);
        r.put("i64", (long) i * 1_000_000_007L);
        r.put("f32", i / 4f);
        r.put("f64", i * 1.5);
        r.put("s", "name-" + i + "-é😀");
        r.put("b", i % 2 == 0);
        r.put("bytes", new byte[] {(byte) i, 0, (byte) 0xff});
        r.put("ts", Instant.parse("2026-11-21T08:00:00Z").plusNanos(i * 1_000_000_123L));
        return r;
    }

    static byte[] encode(Codec c, List<? extends Map<String, ?>> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.encode(out, records);
        return out.toByteArray();
    }

    static List<Map<String, Object>> decode(Codec c, byte[] file) {
        return c.decode(new ByteArrayInputStream(file));
    }

    /** Values compared with byte arrays by content. */
    static void assertRecordsEqual(List<? extends Map<String, ?>> expected, List<Map<String, Object>> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).keySet(), actual.get(i).keySet(), "keys of record " + i);
            for (String k : expected.get(i).keySet()) {
                Object e = expected.get(i).get(k);
                Object a = actual.get(i).get(k);
                if (e instanceof byte[] eb) {
                    assertArrayEquals(eb, (byte[]) a, "record " + i + " field " + k);
                } else {
                    assertEquals(e, a, "record " + i + " field " + k);
                }
            }
        }
    }

    @Test
    void isNamedParquetAndDoesNotStream() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        assertEquals("parquet", c.name());
        assertTrue(!(c instanceof io.lode.dataset.StreamingCodec), "the codec buffers a whole file, so it must not claim to stream");
    }

    @Test
    void runsWithoutHadoop() {
        // The tests run without hadoop-client-api on the class path (see the surefire configuration),
        // so every other test here shows the codec needs no Hadoop class.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
    }

    @Test
    void roundTripsBasicTypes() {
        ParquetSchema schema = ParquetSchema.of(ParquetField.required("id", ParquetType.INT64),
                ParquetField.required("name", ParquetType.STRING), ParquetField.required("ok", ParquetType.BOOL));
        Codec c = Codecs.parquet(schema);
        List<Map<String, Object>> records = List.of(Map.of("id", 1L, "name", "a", "ok", true), Map.of("id", 2L, "name", "b", "ok", false));
        assertRecordsEqual(records, decode(c, encode(c, records)));
    }

    @Test
    void roundTripsEveryTypeRequired() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(allTypes(i));
        }
        List<Map<String, Object>> back = decode(c, encode(c, records));
        assertRecordsEqual(records, back);
        Map<String, Object> first = back.getFirst();
        assertEquals(Integer.class, first.get("i32").getClass());
        assertEquals(Long.class, first.get("i64").getClass());
        assertEquals(Float.class, first.get("f32").getClass());
        assertEquals(Double.class, first.get("f64").getClass());
        assertEquals(Instant.class, first.get("ts").getClass());
    }

    @Test
    void roundTripsEveryTypeNullableKeepingNullsAsExplicitNulls() {
        Codec c = Codecs.parquet(ALL_NULLABLE);
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> allNull = new HashMap<>();
        ALL_NULLABLE.fields().forEach(f -> allNull.put(f.name(), null));
        records.add(allNull);
        records.add(allTypes(3));
        records.add(Map.of()); // every key missing
        Map<String, Object> some = allTypes(4);
        some.put("s", null);
        some.remove("ts");
        records.add(some);
        List<Map<String, Object>> back = decode(c, encode(c, records));
        assertEquals(4, back.size());
        for (Map<String, Object> r : back) {
            assertEquals(ALL_NULLABLE.fields().stream().map(ParquetField::name).toList(), List.copyOf(r.keySet()),
                    "every schema field is a key, in schema order");
        }
        assertTrue(back.get(0).values().stream().allMatch(v -> v == null));
        assertTrue(back.get(2).values().stream().allMatch(v -> v == null));
        assertNull(back.get(3).get("s"));
        assertNull(back.get(3).get("ts"));
        assertEquals(-1, back.get(3).get("i32"));
        assertRecordsEqual(List.of(allTypes(3)), List.of(back.get(1)));
    }

    @Test
    void missingOrNullRequiredFieldIsASchemaViolationNamingTheField() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        Map<String, Object> missing = allTypes(1);
        missing.remove("f64");
        LodeException e = assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(allTypes(0), missing)));
        assertTrue(e.getMessage().contains("'f64'") && e.getMessage().contains("record 1"), e.getMessage());
        Map<String, Object> nulled = allTypes(1);
        nulled.put("s", null);
        e = assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(nulled)));
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
        assertNull(c.fileStats(), "a failed encode leaves no statistics");
    }

    @Test
    void typeMismatchAndNonMapRecordAreSchemaViolations() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        for (String[] bad : new String[][] {{"i32", "seven"}, {"i64", "x"}, {"f32", "1.0"}, {"s", null}, {"b", "true"}, {"bytes", null}}) {
            Map<String, Object> r = allTypes(1);
            r.put(bad[0], bad[1] == null ? 42 : bad[1]);
            LodeException e = assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(r)));
            assertTrue(e.getMessage().contains("'" + bad[0] + "'"), e.getMessage());
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map<String, ?>> notMaps = (List) List.of("not a map");
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, notMaps));
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(null);
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, withNull));
    }

    @Test
    void fieldsNotInTheSchemaAreIgnored() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("id", ParquetType.INT32)));
        List<Map<String, Object>> back = decode(c, encode(c, List.of(Map.of("id", 1, "extra", "dropped", "more", List.of(1)))));
        assertEquals(List.of(Map.of("id", 1)), back);
    }

    @ParameterizedTest
    @EnumSource(ParquetCompression.class)
    void everyCompressionDecodes(ParquetCompression compression) {
        Codec c = Codecs.parquet(ALL_REQUIRED, ParquetOptions.defaults().withCompression(compression));
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(allTypes(i % 17));
        }
        byte[] file = encode(c, records);
        assertRecordsEqual(records, decode(c, file));
        String codecs = footer(file).getRow_groups().getFirst().getColumns().stream().map(col -> col.getMeta_data().getCodec().name()).distinct().toList().toString();
        assertEquals("[" + (compression == ParquetCompression.NONE ? "UNCOMPRESSED" : compression.name()) + "]", codecs);
    }

    @Test
    void compressionShrinksRepetitiveData() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add(Map.of("s", "the same words again and again " + (i % 3)));
        }
        ParquetSchema schema = ParquetSchema.of(ParquetField.required("s", ParquetType.STRING));
        int none = encode(Codecs.parquet(schema, ParquetOptions.defaults().withCompression(ParquetCompression.NONE)), records).length;
        int zstd = encode(Codecs.parquet(schema, ParquetOptions.defaults().withCompression(ParquetCompression.ZSTD)), records).length;
        assertTrue(zstd < none, "zstd " + zstd + " vs none " + none);
    }

    @Test
    void integralDoublesBecomeIntegers() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("a", ParquetType.INT32), ParquetField.required("b", ParquetType.INT64)));
        List<Map<String, Object>> back = decode(c, encode(c, List.of(Map.of("a", 42.0, "b", -9007199254740992.0), Map.of("a", (short) 3, "b", 7))));
        assertEquals(List.of(Map.of("a", 42, "b", -9007199254740992L), Map.of("a", 3, "b", 7L)), back);
    }

    @Test
    void integersOutOfRangeAreSchemaViolations() {
        Codec i32 = Codecs.parquet(ParquetSchema.of(ParquetField.required("a", ParquetType.INT32)));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i32, List.of(Map.of("a", 2147483648L))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i32, List.of(Map.of("a", -2147483649L))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i32, List.of(Map.of("a", 2147483648.0))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i32, List.of(Map.of("a", 1.5))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i32, List.of(Map.of("a", Double.NaN))));
        assertEquals(List.of(Map.of("a", Integer.MAX_VALUE), Map.of("a", Integer.MIN_VALUE)),
                decode(i32, encode(i32, List.of(Map.of("a", 2147483647L), Map.of("a", -2147483648.0)))));
        Codec i64 = Codecs.parquet(ParquetSchema.of(ParquetField.required("a", ParquetType.INT64)));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i64, List.of(Map.of("a", 9007199254740994.0))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i64, List.of(Map.of("a", -9007199254740994.0))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i64, List.of(Map.of("a", 0.25))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(i64, List.of(Map.of("a", new java.math.BigInteger("9223372036854775808")))));
        assertEquals(List.of(Map.of("a", Long.MAX_VALUE)), decode(i64, encode(i64, List.of(Map.of("a", Long.MAX_VALUE)))));
    }

    @Test
    void timestampsParseFromStringsAndOtherInstants() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("t", ParquetType.TIMESTAMP)));
        List<Map<String, Object>> back = decode(c, encode(c, List.of(
                Map.of("t", "2026-11-21T08:00:00Z"),
                Map.of("t", "2026-11-21T09:00:00.123456789+01:00"),
                Map.of("t", OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(-5))),
                Map.of("t", Instant.parse("1970-01-01T00:00:00.000000001Z")))));
        assertEquals(List.of(Instant.parse("2026-11-21T08:00:00Z"), Instant.parse("2026-11-21T08:00:00.123456789Z"),
                Instant.parse("2020-01-02T08:04:05.000000006Z"), Instant.parse("1970-01-01T00:00:00.000000001Z")),
                back.stream().map(r -> r.get("t")).toList());
        LodeException e = assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(Map.of("t", "yesterday"))));
        assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("RFC 3339"), e.getMessage());
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(Map.of("t", Instant.parse("2300-01-01T00:00:00Z")))));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(c, List.of(Map.of("t", 1234L))));
    }

    @Test
    void bytesAcceptStrings() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("b", ParquetType.BYTES)));
        assertArrayEquals("hé".getBytes(StandardCharsets.UTF_8), (byte[]) decode(c, encode(c, List.of(Map.of("b", "hé")))).getFirst().get("b"));
    }

    @Test
    void tenThousandRecordsRoundTripInOneRowGroupByDefault() {
        Codec c = Codecs.parquet(ALL_NULLABLE);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> r = allTypes(i);
            if (i % 7 == 0) {
                r.put("s", null);
            }
            records.add(r);
        }
        byte[] file = encode(c, records);
        assertRecordsEqual(records, decode(c, file));
        assertEquals(1, footer(file).getRow_groups().size());
        assertEquals(10_000, c.fileStats().rowCount());
    }

    @Test
    void rowGroupOptionsSplitTheFile() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(allTypes(i));
        }
        Codec byRows = Codecs.parquet(ALL_REQUIRED, ParquetOptions.defaults().withRowGroupRows(100));
        byte[] file = encode(byRows, records);
        assertEquals(10, footer(file).getRow_groups().size());
        assertRecordsEqual(records, decode(byRows, file));
        Codec byBytes = Codecs.parquet(ALL_REQUIRED, ParquetOptions.defaults().withRowGroupBytes(4096));
        byte[] small = encode(byBytes, records);
        assertTrue(footer(small).getRow_groups().size() > 1, "4 KiB row groups split 1000 rows");
        assertRecordsEqual(records, decode(byBytes, small));
    }

    @Test
    void invalidSchemasAndOptionsAreRejected() {
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of(ParquetField.required("", ParquetType.INT32)));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of(ParquetField.required(null, ParquetType.INT32)));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of(ParquetField.required("a", null)));
        LodeException e = assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of(
                ParquetField.required("a", ParquetType.INT32), ParquetField.nullable("a", ParquetType.STRING)));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of((List<ParquetField>) null));
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> ParquetSchema.of(Arrays.asList(ParquetField.required("a", ParquetType.INT32), null)));
        assertEquals(List.of(), ParquetSchema.of().fields(), "an empty schema is a valid schema");
        assertFails(ErrorCode.SCHEMA_VIOLATION, () -> encode(Codecs.parquet(ParquetSchema.of()), List.of(Map.of("a", 1))));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Codecs.parquet(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Codecs.parquet(ALL_REQUIRED, (ParquetOptions) null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ParquetOptions.defaults().withCompression(null));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ParquetOptions.defaults().withRowGroupRows(0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> ParquetOptions.defaults().withRowGroupBytes(-1));
    }

    @Test
    void emptyRecordListIsAValidFileOfZeroRows() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        byte[] file = encode(c, List.of());
        assertTrue(file.length > 8, "a real file with a footer");
        assertEquals(List.of(), decode(c, file));
        FileStats s = c.fileStats();
        assertEquals(0, s.rowCount());
        assertEquals(8, s.columns().size());
        assertTrue(s.columns().stream().allMatch(col -> col.min() == null && col.max() == null && col.nullCount() == 0));
    }

    @Test
    void damagedInputIsCorruption() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        byte[] good = encode(c, List.of(allTypes(1), allTypes(2)));
        assertFails(ErrorCode.CORRUPTION, () -> decode(c, new byte[0]));
        assertFails(ErrorCode.CORRUPTION, () -> decode(c, "PAR".getBytes(StandardCharsets.US_ASCII)));
        assertFails(ErrorCode.CORRUPTION, () -> decode(c, "this is not a parquet file at all".getBytes(StandardCharsets.US_ASCII)));
        for (int cut : new int[] {1, 4, 8, 9, good.length / 2, good.length - 12}) {
            byte[] truncated = Arrays.copyOf(good, good.length - cut);
            assertFails(ErrorCode.CORRUPTION, () -> decode(c, truncated));
        }
        // A file cut short but given its magic back: the footer now points at the wrong bytes.
        byte[] patched = Arrays.copyOf(good, good.length - 20);
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, patched, patched.length - 4, 4);
        assertFails(ErrorCode.CORRUPTION, () -> decode(c, patched));
        // Flipped bytes anywhere either fail with a LodeException (corruption; a schema or codec the
        // footer now claims) or, where they hit only values, still decode: never another exception.
        for (int at = 4; at < good.length - 8; at += 7) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x5a;
            try {
                decode(c, flipped);
            } catch (LodeException e) {
                assertTrue(EnumSet.of(ErrorCode.CORRUPTION, ErrorCode.SCHEMA_VIOLATION, ErrorCode.UNSUPPORTED).contains(e.code()), e.toString());
            }
        }
    }

    @Test
    void statsOfEveryType() {
        Codec c = Codecs.parquet(ALL_REQUIRED);
        encode(c, List.of(allTypes(3), allTypes(1), allTypes(2)));
        FileStats s = c.fileStats();
        assertEquals(3, s.rowCount());
        assertEquals(ALL_REQUIRED.fields().stream().map(ParquetField::name).toList(), s.columns().stream().map(ColumnStats::name).toList(),
                "columns in schema order");
        Map<String, ColumnStats> by = new HashMap<>();
        s.columns().forEach(col -> by.put(col.name(), col));
        assertStats(by.get("i32"), -4, -2, 0);
        assertStats(by.get("i64"), 1_000_000_007L, 3_000_000_021L, 0);
        assertStats(by.get("f32"), 0.25f, 0.75f, 0);
        assertStats(by.get("f64"), 1.5, 4.5, 0);
        assertStats(by.get("s"), "name-1-é😀", "name-3-é😀", 0);
        assertStats(by.get("b"), null, null, 0);
        assertStats(by.get("bytes"), null, null, 0);
        assertStats(by.get("ts"), allTypes(1).get("ts"), allTypes(3).get("ts"), 0);
        s.columns().forEach(col -> assertEquals(0, col.distinctCount(), "distinct_count is not computed"));
    }

    @Test
    void statsOfNullableAllNullAndSingleRecords() {
        Codec c = Codecs.parquet(ALL_NULLABLE);
        Map<String, Object> a = new HashMap<>(Map.of("i32", 5, "s", "b"));
        a.put("f64", null);
        encode(c, List.of(a, Map.of("i32", 1, "s", "a"), Map.of()));
        Map<String, ColumnStats> by = new HashMap<>();
        c.fileStats().columns().forEach(col -> by.put(col.name(), col));
        assertStats(by.get("i32"), 1, 5, 1);
        assertStats(by.get("s"), "a", "b", 1);
        assertStats(by.get("f64"), null, null, 3);
        assertStats(by.get("ts"), null, null, 3);
        assertStats(by.get("b"), null, null, 3);

        encode(c, List.of(allTypes(9)));
        c.fileStats().columns().stream().filter(col -> !col.name().equals("b") && !col.name().equals("bytes"))
                .forEach(col -> assertEquals(col.min(), col.max(), "one record: min = max for " + col.name()));
        assertEquals(1, c.fileStats().rowCount(), "stats are replaced by the next encode");
    }

    @Test
    void statsSkipNaNAndDropMinMaxForInfinities() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("x", ParquetType.FLOAT64), ParquetField.required("y", ParquetType.FLOAT32)));
        encode(c, List.of(Map.of("x", Double.NaN, "y", 1f), Map.of("x", 2.0, "y", Float.POSITIVE_INFINITY), Map.of("x", -1.0, "y", 0f)));
        assertStats(c.fileStats().columns().get(0), -1.0, 2.0, 0);
        assertStats(c.fileStats().columns().get(1), null, null, 0);
    }

    @Test
    void stringMinMaxFollowsUtf8ByteOrder() {
        Codec c = Codecs.parquet(ParquetSchema.of(ParquetField.required("s", ParquetType.STRING)));
        // U+FF5E sorts below U+1F600 in UTF-8 (and code points), above it in Java's UTF-16 order.
        encode(c, List.of(Map.of("s", "\uFF5E"), Map.of("s", "😀")));
        assertStats(c.fileStats().columns().getFirst(), "\uFF5E", "😀", 0);
    }

    static void assertStats(ColumnStats col, Object min, Object max, long nulls) {
        assertNotNull(col);
        assertEquals(min, col.min(), col.name() + " min");
        assertEquals(max, col.max(), col.name() + " max");
        assertEquals(nulls, col.nullCount(), col.name() + " null_count");
    }

    /** The file's footer, as parquet-format parses it (independently of the codec's reader). */
    static FileMetaData footer(byte[] file) {
        int n = file.length;
        int len = (file[n - 8] & 0xff) | (file[n - 7] & 0xff) << 8 | (file[n - 6] & 0xff) << 16 | (file[n - 5] & 0xff) << 24;
        try {
            return Util.readFileMetaData(new ByteArrayInputStream(file, n - 8 - len, len), len);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
