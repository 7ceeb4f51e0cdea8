package io.lode.dataset.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the generic values of records and metadata as Go's {@code encoding/json} writes them: map
 * keys sorted, instants as RFC 3339 strings, byte arrays as base64.
 */
public final class JsonValues {
    private JsonValues() {}

    /** Fails with {@code INVALID_ARGUMENT} unless {@code v} can be written as JSON. */
    public static void check(Object v, String what) {
        switch (v) {
            case null -> {}
            case String s -> {}
            case Boolean b -> {}
            case Double d when !Double.isFinite(d) -> throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " is " + d + ", which JSON cannot represent");
            case Float f when !f.isInfinite() && !f.isNaN() -> {}
            case Float f -> throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " is " + f + ", which JSON cannot represent");
            case Number n when isJsonNumber(n) -> {}
            case Instant i -> {}
            case byte[] b -> {}
            case Map<?, ?> m -> m.forEach((k, e) -> {
                if (!(k instanceof String)) {
                    throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " has a map key that is not a string: " + k);
                }
                check(e, what + "." + k);
            });
            case Collection<?> c -> c.forEach(e -> check(e, what + "[]"));
            default -> throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " is a " + v.getClass().getName()
                    + "; use strings, numbers, booleans, null, lists, string-keyed maps, Instant or byte[]");
        }
    }

    private static boolean isJsonNumber(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof Double || n instanceof BigInteger || n instanceof BigDecimal;
    }

    /** Writes {@code v}, which {@link #check} accepts. */
    public static void write(JsonGenerator g, Object v, String what) {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case Double d -> writeDouble(g, d, what);
            case Float f -> writeDouble(g, f.doubleValue(), what);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Instant i -> g.writeString(Rfc3339.format(i));
            case byte[] b -> g.writeString(Base64.getEncoder().encodeToString(b));
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<String, Object> e : sorted(m, what).entrySet()) {
                    g.writeName(e.getKey());
                    write(g, e.getValue(), what + "." + e.getKey());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object e : c) {
                    write(g, e, what + "[]");
                }
                g.writeEndArray();
            }
            default -> check(v, what);
        }
    }

    private static void writeDouble(JsonGenerator g, double d, String what) {
        if (!Double.isFinite(d)) {
            check(d, what);
        }
        // Go writes integral floats without a fraction (1.0 as 1); do the same for equal bytes.
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            g.writeNumber(new BigDecimal(d).toBigInteger());
        } else {
            g.writeNumber(d);
        }
    }

    private static TreeMap<String, Object> sorted(Map<?, ?> m, String what) {
        TreeMap<String, Object> s = new TreeMap<>();
        m.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, what + " has a map key that is not a string: " + k);
            }
            s.put(key, v);
        });
        return s;
    }
}
