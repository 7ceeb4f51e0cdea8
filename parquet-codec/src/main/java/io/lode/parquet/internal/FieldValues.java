package io.lode.parquet.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.ParquetField;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Turns a record's value into the Java value a column stores: {@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@code String}, {@code Boolean}, {@code byte[]} or {@code Instant}.
 * Anything else, or a number out of the column's range, is a {@code SCHEMA_VIOLATION} naming the
 * record and field.
 */
final class FieldValues {
    /** Doubles carry integers exactly only up to this magnitude, so larger ones cannot be trusted as INT64. */
    static final double MAX_EXACT_DOUBLE = 9007199254740992d; // 2^53

    private FieldValues() {}

    /** The stored form of {@code v} (not null) for field {@code f} of record number {@code row}. */
    static Object coerce(ParquetField f, Object v, long row) {
        return switch (f.type()) {
            case INT32 -> {
                long l = integral(f, v, row, Integer.MIN_VALUE, Integer.MAX_VALUE);
                yield (int) l;
            }
            case INT64 -> integral(f, v, row, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT32 -> switch (v) {
                case Float x -> x;
                case Double x -> (float) x.doubleValue();
                case Integer x -> (float) x;
                case Long x -> (float) x;
                case Short x -> (float) x;
                case Byte x -> (float) x;
                default -> throw mismatch(f, v, row, "a float, double or integer");
            };
            case FLOAT64 -> switch (v) {
                case Double x -> x;
                case Float x -> x.doubleValue();
                case Integer x -> x.doubleValue();
                case Long x -> x.doubleValue();
                case Short x -> x.doubleValue();
                case Byte x -> x.doubleValue();
                default -> throw mismatch(f, v, row, "a double, float or integer");
            };
            case STRING -> {
                if (v instanceof String s) {
                    yield s;
                }
                throw mismatch(f, v, row, "a String");
            }
            case BOOL -> {
                if (v instanceof Boolean b) {
                    yield b;
                }
                throw mismatch(f, v, row, "a Boolean");
            }
            case BYTES -> switch (v) {
                case byte[] b -> b;
                case String s -> s.getBytes(StandardCharsets.UTF_8);
                default -> throw mismatch(f, v, row, "a byte[] or a String");
            };
            case TIMESTAMP -> {
                Instant t = switch (v) {
                    case Instant i -> i;
                    case OffsetDateTime o -> o.toInstant();
                    case ZonedDateTime z -> z.toInstant();
                    case String s -> parseTimestamp(f, s, row);
                    default -> throw mismatch(f, v, row, "an Instant, OffsetDateTime, ZonedDateTime or RFC 3339 string");
                };
                epochNanos(t, f, row); // range check: INT64 nanoseconds cover 1677-09-21 to 2262-04-11
                yield t;
            }
        };
    }

    /** Nanoseconds since the epoch, as the TIMESTAMP column stores them. */
    static long epochNanos(Instant t, ParquetField f, long row) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw violation(f, row, "timestamp " + t + " is outside what INT64 nanoseconds hold (1677-09-21 to 2262-04-11)");
        }
    }

    private static Instant parseTimestamp(ParquetField f, String s, long row) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw violation(f, row, "'" + s + "' is not an RFC 3339 timestamp such as 2026-11-21T08:00:00Z or 2026-11-21T08:00:00.123456789+01:00");
        }
    }

    private static long integral(ParquetField f, Object v, long row, long min, long max) {
        long l;
        switch (v) {
            case Integer x -> l = x;
            case Long x -> l = x;
            case Short x -> l = x;
            case Byte x -> l = x;
            case BigInteger x -> {
                if (x.bitLength() > 63) {
                    throw outOfRange(f, v, row, min, max);
                }
                l = x.longValue();
            }
            case Double x -> l = integralDouble(f, x, row, min, max);
            case Float x -> l = integralDouble(f, x.doubleValue(), row, min, max);
            case BigDecimal x -> {
                try {
                    l = x.longValueExact();
                } catch (ArithmeticException e) {
                    throw violation(f, row, x + " is not an integer that fits " + f.type());
                }
            }
            default -> throw mismatch(f, v, row, "an integer (or an integral double)");
        }
        if (l < min || l > max) {
            throw outOfRange(f, v, row, min, max);
        }
        return l;
    }

    private static long integralDouble(ParquetField f, double d, long row, long min, long max) {
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw violation(f, row, d + " is not an integer, so it cannot be stored as " + f.type());
        }
        double limit = max == Long.MAX_VALUE ? MAX_EXACT_DOUBLE : max;
        if (d > limit || d < (max == Long.MAX_VALUE ? -MAX_EXACT_DOUBLE : min)) {
            throw violation(f, row, d + " is out of range for " + f.type() + (max == Long.MAX_VALUE
                    ? " from a double (beyond 2^53 a double does not hold an exact integer; pass a Long)" : ""));
        }
        return (long) d;
    }

    private static LodeException outOfRange(ParquetField f, Object v, long row, long min, long max) {
        return violation(f, row, v + " is out of range for " + f.type() + " [" + min + ", " + max + "]");
    }

    private static LodeException mismatch(ParquetField f, Object v, long row, String expected) {
        return violation(f, row, f.type() + " needs " + expected + ", got " + v.getClass().getName());
    }

    static LodeException violation(ParquetField f, long row, String what) {
        return new LodeException(ErrorCode.SCHEMA_VIOLATION, "Parquet record " + row + ", field '" + f.name() + "': " + what);
    }
}
