package io.lode.internal.json;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Times as Go's {@code time.RFC3339Nano} writes them: UTC, trailing zeros of the fraction dropped. */
public final class Rfc3339 {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private Rfc3339() {}

    public static String format(Instant t) {
        return FORMAT.format(t);
    }

    /** Parses any RFC 3339 time (any offset); {@code null} when it is not one. */
    public static Instant parseOrNull(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses an RFC 3339 time or fails with {@code code}. */
    public static Instant parse(String s, ErrorCode code, String what) {
        Instant t = parseOrNull(s);
        if (t == null) {
            throw new LodeException(code, what + " is not an RFC 3339 time: " + s);
        }
        return t;
    }
}
