package io.lode.bench.ycsb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import site.ycsb.ByteArrayByteIterator;
import site.ycsb.ByteIterator;

/**
 * The one record encoding both YCSB bindings store, so that Isle and RocksDB hold the same bytes:
 * the fields in name order, each as {@code u16 name length | name | u32 value length | value}.
 */
final class YcsbRecord {
    private YcsbRecord() {}

    static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(Map<String, ByteIterator> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.size() * 120);
        for (Map.Entry<String, ByteIterator> e : new TreeMap<>(values).entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().toArray();
            out.write(name.length >>> 8);
            out.write(name.length);
            out.writeBytes(name);
            out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    /** The fields of {@code record} that {@code fields} names (all when null), as YCSB hands them back. */
    static void decode(byte[] record, Set<String> fields, Map<String, ByteIterator> into) {
        ByteBuffer b = ByteBuffer.wrap(record);
        while (b.hasRemaining()) {
            int nameLength = b.getShort() & 0xFFFF;
            String name = new String(record, b.position(), nameLength, StandardCharsets.UTF_8);
            b.position(b.position() + nameLength);
            int valueLength = b.getInt();
            if (fields == null || fields.contains(name)) {
                into.put(name, new ByteArrayByteIterator(record, b.position(), valueLength));
            }
            b.position(b.position() + valueLength);
        }
    }

    /** {@code record} with {@code values} replacing fields of the same name: YCSB's update. */
    static byte[] merge(byte[] record, Map<String, ByteIterator> values) {
        Map<String, ByteIterator> all = new HashMap<>();
        if (record != null) {
            decode(record, null, all);
        }
        all.putAll(values);
        return encode(all);
    }
}
