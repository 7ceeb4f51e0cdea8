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
        this.url = redact(url);
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
                            "unknown setting '" + name + "' in " + this.url + "; known settings: " + String.join(", ", known));
                }
                values.put(name, value);
            }
        }
    }

    /**
     * {@code url} fit to show: the value of every query parameter whose name says it holds a secret
     * (it contains {@code secret}, {@code token}, {@code password}, {@code signature} or
     * {@code credential}, in any case) and a password in the authority are replaced by
     * {@code REDACTED}. Messages, {@code toString()} and logs name a location by this form only.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String shown = url.replaceAll("(//[^/@?#:]*):[^/@?#]*@", "$1:REDACTED@");
        int q = shown.indexOf('?');
        if (q < 0) {
            return shown;
        }
        StringBuilder out = new StringBuilder(shown.substring(0, q + 1));
        String[] pairs = shown.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(java.util.Locale.ROOT);
            boolean secret = name.contains("secret") || name.contains("token") || name.contains("password")
                    || name.contains("signature") || name.contains("credential");
            out.append(i == 0 ? "" : "&").append(secret && eq >= 0 ? pair.substring(0, eq + 1) + "REDACTED" : pair);
        }
        return out.toString();
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
