package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * A parsed JSON object read field by field, where every missing or mistyped field becomes a
 * {@link ErrorCode#CORRUPTION} error naming the object it came from and the field. Parsing builds
 * a small tree first: metadata objects are small, and the tree makes each check one line.
 */
public final class JsonObject {
    private final Map<String, Object> fields;
    private final String source;
    private final boolean checksummed;

    private JsonObject(Map<String, Object> fields, String source, boolean checksummed) {
        this.fields = fields;
        this.source = source;
        this.checksummed = checksummed;
    }

    /**
     * Parses a JSON object.
     *
     * @param json the document
     * @param source what it is, for messages: usually the object's key
     */
    public static JsonObject parse(byte[] json, String source) {
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new LodeException(ErrorCode.CORRUPTION, source + " is not a JSON object");
            }
            Map<String, Object> fields = readObject(p);
            if (p.nextToken() != null) {
                throw new LodeException(ErrorCode.CORRUPTION, source + " has data after its JSON object");
            }
            return new JsonObject(fields, source, false);
        } catch (JacksonException e) {
            throw new LodeException(ErrorCode.CORRUPTION, source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a metadata object and checks its {@link ContentChecksum}: a mismatch is
     * {@code CORRUPTION} naming the object. An object without one (written before checksums
     * existed, or by Lode for Go) is read as it is.
     */
    public static JsonObject parseChecksummed(byte[] json, String source) {
        return parse(json, source).checked(json);
    }

    /**
     * This object, parsed from {@code json}, with its {@link ContentChecksum} verified and removed
     * from its fields.
     */
    public JsonObject checked(byte[] json) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        boolean present = ContentChecksum.verify(json, rest.remove(ContentChecksum.FIELD), source);
        return new JsonObject(rest, source, present);
    }

    /**
     * Fails unless every field of this object is one of {@code known}: a field this version does
     * not know is {@code UNSUPPORTED} in a checksummed object (a newer Lode wrote it on purpose)
     * and {@code CORRUPTION} otherwise (it may be a damaged name), never ignored.
     */
    public void allowOnly(String... known) {
        for (String name : fields.keySet()) {
            if (!Arrays.asList(known).contains(name)) {
                throw checksummed ? unsupported("field '" + name + "' is not one this version knows")
                        : corrupt("field '" + name + "' is not one this version knows");
            }
        }
    }

    private static Map<String, Object> readObject(JsonParser p) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            m.put(name, readValue(p, p.nextToken()));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected " + t);
        }
        return m;
    }

    private static Object readValue(JsonParser p, JsonToken t) {
        return switch (t) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> {
                BigInteger big = p.getBigIntegerValue();
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> JsonNull.NULL;
            default -> throw new IllegalStateException("unexpected " + t);
        };
    }

    /** A JSON null, distinct from an absent field. */
    private enum JsonNull { NULL }

    public String source() {
        return source;
    }

    public boolean has(String name) {
        return fields.containsKey(name) && fields.get(name) != JsonNull.NULL;
    }

    /** The {@code version} field, which must be one this reader knows. */
    public int version(int newestKnown) {
        long v = integer("version");
        if (v < 1 || v > newestKnown) {
            throw new LodeException(ErrorCode.UNSUPPORTED, source + " has version " + v + "; this Lode reads versions 1 to "
                    + newestKnown + " (was it written by a newer Lode?)");
        }
        return (int) v;
    }

    public String string(String name) {
        return require(name, String.class, "a string");
    }

    public String optString(String name) {
        return has(name) ? string(name) : null;
    }

    public long integer(String name) {
        return require(name, Long.class, "an integer");
    }

    /** An integer that must not be negative. */
    public long natural(String name) {
        long v = integer(name);
        if (v < 0) {
            throw corrupt("field '" + name + "' is negative (" + v + ")");
        }
        return v;
    }

    public OptionalLong optInteger(String name) {
        return has(name) ? OptionalLong.of(integer(name)) : OptionalLong.empty();
    }

    public boolean bool(String name) {
        return require(name, Boolean.class, "true or false");
    }

    public boolean optBool(String name, boolean absent) {
        return has(name) ? bool(name) : absent;
    }

    public byte[] base64(String name) {
        try {
            return Base64.getDecoder().decode(string(name));
        } catch (IllegalArgumentException e) {
            throw corrupt("field '" + name + "' is not base64: " + e.getMessage());
        }
    }

    public Instant instant(String name) {
        try {
            return Instant.parse(string(name));
        } catch (DateTimeParseException e) {
            throw corrupt("field '" + name + "' is not an RFC 3339 time: " + e.getParsedString());
        }
    }

    @SuppressWarnings("unchecked")
    public JsonObject object(String name) {
        return new JsonObject(require(name, Map.class, "an object"), source + " (" + name + ")", checksummed);
    }

    public JsonObject optObject(String name) {
        return has(name) ? object(name) : null;
    }

    /** A required array of objects. */
    @SuppressWarnings("unchecked")
    public List<JsonObject> objects(String name) {
        List<Object> list = require(name, List.class, "an array");
        List<JsonObject> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw corrupt("element " + i + " of '" + name + "' is not an object");
            }
            out.add(new JsonObject((Map<String, Object>) m, source + " (" + name + "[" + i + "])", checksummed));
        }
        return out;
    }

    /** An array of objects that may be absent (then empty). */
    public List<JsonObject> optObjects(String name) {
        return has(name) ? objects(name) : List.of();
    }

    /** A required array of strings. */
    public List<String> strings(String name) {
        return elements(name, String.class, "a string");
    }

    /** A required array of integers. */
    public List<Long> integers(String name) {
        return elements(name, Long.class, "an integer");
    }

    /** All fields, as parsed: strings, longs, BigIntegers, BigDecimals, booleans, maps, lists, null. */
    public Map<String, Object> asMap() {
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(k, v == JsonNull.NULL ? null : v));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * All fields as plain Java values, deeply: JSON null is {@code null}, integers {@code Long} (or
     * {@code BigInteger}), other numbers {@code Double}, objects maps and arrays lists.
     */
    public Map<String, Object> asPlainMap() {
        return plainMap(fields);
    }

    private static Map<String, Object> plainMap(Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put((String) k, plain(v)));
        return copy;
    }

    private static Object plain(Object v) {
        if (v == JsonNull.NULL) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            return plainMap(m);
        }
        if (v instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(e -> copy.add(plain(e)));
            return copy;
        }
        return v;
    }

    public LodeException corrupt(String problem) {
        return new LodeException(ErrorCode.CORRUPTION, source + ": " + problem);
    }

    /**
     * The error for a well-formed value this reader does not know (an op, a role, a kind): a newer
     * Lode wrote it, so the remedy is an upgrade, not a repair (docs/rfcs/0001-format-evolution.md).
     */
    public LodeException unsupported(String problem) {
        return new LodeException(ErrorCode.UNSUPPORTED, source + ": " + problem
                + "; it was written by a newer Lode: upgrade this one to read it");
    }

    /** The names of the fields present, in the order they were written. */
    public Set<String> names() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    private <T> List<T> elements(String name, Class<T> type, String what) {
        List<?> list = require(name, List.class, "an array");
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!type.isInstance(list.get(i))) {
                throw corrupt("element " + i + " of '" + name + "' is not " + what);
            }
            out.add(type.cast(list.get(i)));
        }
        return out;
    }

    private <T> T require(String name, Class<T> type, String what) {
        Object v = fields.get(name);
        if (v == null || v == JsonNull.NULL) {
            throw corrupt("field '" + name + "' is missing");
        }
        if (!type.isInstance(v)) {
            String actual = v instanceof BigInteger || v instanceof BigDecimal ? "a number out of range" : v.getClass().getSimpleName();
            throw corrupt("field '" + name + "' is not " + what + " (found " + actual + ")");
        }
        return type.cast(v);
    }
}
