package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
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
            case Double d -> writeFloat(g, d, false, what);
            case Float f -> writeFloat(g, f.doubleValue(), true, what);
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

    private static void writeFloat(JsonGenerator g, double d, boolean float32, String what) {
        if (!Double.isFinite(d)) {
            check(d, what);
        }
        g.writeNumber(goFloat(d, float32));
    }

    /**
     * A float as Go's {@code encoding/json} writes it, for equal bytes (and checksums): the shortest
     * digits that round-trip, in plain notation ({@code 2}, {@code 0.000001}) unless the magnitude is
     * below 1e-6 or at least 1e21, then in exponent notation ({@code 1e+21}, {@code 1.5e-7}).
     *
     * @param float32 whether the value is a {@code float}: it then keeps float precision, as Go's float32 does
     */
    static String goFloat(double d, boolean float32) {
        String shortest = float32 ? Float.toString((float) d) : Double.toString(d);
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal digits = new BigDecimal(shortest).stripTrailingZeros();
        if (digits.precision() == 2) {
            // Java prints at least two digits (4.9E-324) where one may already round-trip (Go: 5e-324).
            BigDecimal one = digits.round(new MathContext(1, RoundingMode.HALF_EVEN));
            boolean roundTrips = float32 ? Float.parseFloat(one.toString()) == (float) d : Double.parseDouble(one.toString()) == d;
            if (roundTrips) {
                digits = one.stripTrailingZeros();
            }
        }
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return digits.toPlainString();
        }
        String unscaled = digits.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - digits.scale();
        StringBuilder b = new StringBuilder();
        if (d < 0) {
            b.append('-');
        }
        b.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            b.append('.').append(unscaled, 1, unscaled.length());
        }
        // strconv writes at least two exponent digits; encoding/json then trims e-09 to e-9 (only then).
        b.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        b.append(exponent > 0 && e < 10 ? "0" + e : Integer.toString(e));
        return b.toString();
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
