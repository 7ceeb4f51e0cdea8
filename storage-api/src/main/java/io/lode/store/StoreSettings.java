package io.lode.store;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A driver's settings, from the URL's query ({@code ?name=value&...}) and the connection's
 * {@link Properties}; a query parameter wins over a property of the same name. An unknown query
 * parameter is an error (it is most likely a typo); unknown properties are ignored, since one
 * {@code Properties} object may serve several drivers.
 */
public final class StoreSettings {
    private final String url;
    private final Map<String, String> values = new LinkedHashMap<>();

    public StoreSettings(String url, String rawQuery, Properties properties, Set<String> known) {
        this.url = url;
        for (String name : properties.stringPropertyNames()) {
            if (known.contains(name)) {
                values.put(name, properties.getProperty(name));
            }
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!known.contains(name)) {
                    throw new LodeException(ErrorCode.INVALID_ARGUMENT,
                            "unknown setting '" + name + "' in " + url + "; known settings: " + String.join(", ", known));
                }
                values.put(name, value);
            }
        }
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public boolean bool(String name, boolean defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new LodeException(ErrorCode.INVALID_ARGUMENT,
                    "setting '" + name + "' of " + url + " must be true or false, not '" + v + "'");
        };
    }

    public long number(String name, long defaultValue, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "setting '" + name + "' of " + url
                    + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
        }
    }

    private String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "malformed query in " + url + ": " + e.getMessage(), e);
        }
    }
}
