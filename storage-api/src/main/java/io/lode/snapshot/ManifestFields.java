package io.lode.snapshot;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Metadata;
import io.lode.internal.json.JsonObject;
import io.lode.internal.json.Rfc3339;
import java.time.Instant;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;

/**
 * The rules that dataset and volume manifests share, as Lode's Go structs encode them: required
 * non-empty strings, a non-zero {@code created_at}, a {@code metadata} object that is always
 * present, {@code omitempty} strings, and {@code MANIFEST_INVALID} with the message
 * {@code invalid manifest: <field>: <reason>} for any breach.
 */
public final class ManifestFields {
    /** Go's zero {@code time.Time}, which is what a missing created_at decodes to there. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private ManifestFields() {}

    /** Writes a property unless its value is null or empty: Go's {@code omitempty}. */
    public static void optional(JsonGenerator g, String name, String value) {
        if (value != null && !value.isEmpty()) {
            g.writeStringProperty(name, value);
        }
    }

    /**
     * Parses a manifest with {@code reader}; a JSON error, a missing, mistyped or unknown field or
     * any other failure of the reader becomes {@code MANIFEST_INVALID}, as in Lode. Two failures
     * Lode does not have keep their own codes: a manifest whose {@code crc32c} does not match its
     * bytes is {@code CORRUPTION}, and a checksummed manifest with a field this version does not
     * know is {@code UNSUPPORTED} (a newer Lode wrote it).
     */
    public static <T> T parse(byte[] json, String key, Function<JsonObject, T> reader) {
        JsonObject o;
        try {
            o = JsonObject.parse(json, key);
        } catch (LodeException e) {
            throw invalid(key, "json", e.getMessage());
        }
        JsonObject checked = o.checked(json);
        try {
            return reader.apply(checked);
        } catch (LodeException e) {
            if (e.code() == ErrorCode.MANIFEST_INVALID || e.code() == ErrorCode.UNSUPPORTED) {
                throw e;
            }
            throw invalid(key, "field", e.getMessage());
        }
    }

    /** The required {@code created_at}: an RFC 3339 time that is not Go's zero time. */
    public static Instant createdAt(JsonObject o, String key) {
        String created = required(o, key, "created_at");
        Instant createdAt = Rfc3339.parseOrNull(created);
        if (createdAt == null || createdAt.equals(GO_ZERO_TIME)) {
            throw invalid(key, "created_at", "must be a non-zero RFC 3339 time, found '" + created + "'");
        }
        return createdAt;
    }

    /** The required {@code metadata} object ({@code {}} for none, never null). */
    public static Metadata metadata(JsonObject o, String key) {
        if (!o.has("metadata")) {
            throw invalid(key, "metadata", "must be present (use {} for none)");
        }
        return Metadata.of(o.object("metadata").asPlainMap());
    }

    /** A required non-empty string. */
    public static String required(JsonObject o, String key, String field) {
        String v = o.has(field) ? o.string(field) : null;
        if (v == null || v.isEmpty()) {
            throw invalid(key, field, "must be a non-empty string");
        }
        return v;
    }

    public static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public static LodeException invalid(String key, String field, String reason) {
        return new LodeException(ErrorCode.MANIFEST_INVALID, "invalid manifest: " + field + ": " + reason + " (in " + key
                + "); the manifest is damaged or was not written by Lode");
    }
}
