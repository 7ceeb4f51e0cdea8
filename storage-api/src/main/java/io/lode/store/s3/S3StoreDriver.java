package io.lode.store.s3;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.s3.S3Settings;
import io.lode.core.s3.S3TransferClient;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectStore;
import io.lode.spi.StoreDriver;
import io.lode.store.StoreSettings;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code lode:s3://bucket/prefix?region=..&endpoint=..&pathStyle=..}: a store under a prefix of an
 * S3 bucket (AWS or any S3-compatible service), through the AWS CRT's native transfer client.
 *
 * <p>Settings, as query parameters or {@link Properties} (keep secrets in properties):
 * <ul>
 *   <li>{@code region} (else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, else {@code us-east-1});
 *   <li>{@code endpoint}, e.g. {@code http://127.0.0.1:9000} (else AWS);
 *   <li>{@code pathStyle} (default {@code true} with an endpoint, {@code false} for AWS);
 *   <li>{@code accessKeyId}, {@code secretAccessKey}, {@code sessionToken} (else
 *       {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN});
 *   <li>{@code partSize} in bytes (default 8 MiB, at least 5 MiB): bodies above it are uploaded in
 *       parts, large reads fetched in parallel parts;
 *   <li>{@code throughputGbps} (default 5), {@code memoryLimit} in bytes (default 1 GiB),
 *       {@code maxConnections} (default derived from the throughput);
 *   <li>{@code requestTimeout}: milliseconds or an ISO-8601 duration such as {@code PT30S}
 *       (default 60 s), the longest one request may take, the CRT's retries included;
 *   <li>{@code maxRetries} (default 10): how often one request is retried after a transient failure
 *       (no answer, a reset connection, 5xx, 429 or {@code SlowDown});
 *   <li>{@code retryBackoff} (default 50 ms): the scale of the exponential back-off with full
 *       jitter between those retries;
 *   <li>{@code attemptTimeout} (default 20 s, whole seconds): one attempt that moves no byte for
 *       this long is abandoned and retried, within {@code requestTimeout}.
 * </ul>
 * The bucket must exist: Lode never creates storage. Connecting makes no request.
 */
public final class S3StoreDriver implements StoreDriver {
    private static final Set<String> SETTINGS = Set.of("region", "endpoint", "pathStyle", "accessKeyId",
            "secretAccessKey", "sessionToken", "partSize", "throughputGbps", "memoryLimit", "maxConnections",
            "requestTimeout", "maxRetries", "retryBackoff", "attemptTimeout");

    private final Map<String, String> environment;

    public S3StoreDriver() {
        this(System.getenv());
    }

    /** For tests: a driver that reads its fallbacks from the given environment. */
    S3StoreDriver(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ObjectStore open(URI uri, Properties properties) {
        String url = StoreSettings.redact("lode:" + uri);
        String bucket = uri.getRawAuthority();
        if (uri.isOpaque() || bucket == null || bucket.isEmpty() || uri.getRawFragment() != null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT,
                    "malformed S3 URL " + url + ": expected lode:s3://bucket/optional/prefix?region=...");
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "'" + bucket + "' in " + url
                    + " is not a valid bucket name (3-63 characters: lower-case letters, digits, '.', '-')");
        }
        String prefix = storePrefix(uri.getPath(), url);
        StoreSettings s = new StoreSettings(url, uri.getRawQuery(), properties, SETTINGS);

        String region = s.string("region", env("AWS_REGION", env("AWS_DEFAULT_REGION", "us-east-1")));
        String endpointText = s.string("endpoint", null);
        URI endpoint = endpointText == null ? null : endpoint(endpointText, url);
        boolean pathStyle = s.bool("pathStyle", endpoint != null);
        String accessKey = s.string("accessKeyId", env("AWS_ACCESS_KEY_ID", null));
        String secretKey = s.string("secretAccessKey", env("AWS_SECRET_ACCESS_KEY", null));
        String token = s.string("sessionToken", env("AWS_SESSION_TOKEN", null));
        if (accessKey == null || secretKey == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "no S3 credentials for " + url
                    + ": pass the properties accessKeyId and secretAccessKey, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        long partSize = s.number("partSize", 8L << 20, S3Settings.MIN_PART_SIZE, 5L << 30);
        long throughput = s.number("throughputGbps", 5, 1, 400);
        long memoryLimit = s.number("memoryLimit", 1L << 30, 64L << 20, Long.MAX_VALUE);
        long maxConnections = s.number("maxConnections", 0, 0, 10_000);
        Duration timeout = duration("requestTimeout", s.string("requestTimeout", "60000"), url);
        long maxRetries = s.number("maxRetries", S3Settings.DEFAULT_MAX_RETRIES, 0, 100);
        Duration backoff = duration("retryBackoff", s.string("retryBackoff", Long.toString(S3Settings.DEFAULT_RETRY_BACKOFF.toMillis())), url);
        Duration attempt = duration("attemptTimeout", s.string("attemptTimeout",
                Long.toString(S3Settings.DEFAULT_ATTEMPT_TIMEOUT.toMillis())), url);
        if (attempt.toSeconds() < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "attemptTimeout " + attempt + " of " + url + " must be at least 1 s");
        }

        S3Settings settings = new S3Settings(region, endpoint, pathStyle, accessKey, secretKey, token, partSize,
                partSize, throughput, memoryLimit, (int) maxConnections, timeout, (int) maxRetries, backoff, attempt);
        try {
            return new S3ObjectStore(new S3TransferClient(settings), bucket, prefix, url);
        } catch (RuntimeException e) {
            throw new LodeException(ErrorCode.IO, "cannot start the S3 client for " + url + ": " + e.getMessage(), e, false);
        }
    }

    private String env(String name, String fallback) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The URL's path as a key prefix: "" or segments ending in '/'. */
    private static String storePrefix(String path, String url) {
        String p = path == null ? "" : path.replaceFirst("^/+", "");
        if (p.isEmpty()) {
            return "";
        }
        String withSlash = p.endsWith("/") ? p : p + "/";
        try {
            ObjectKey.check(withSlash.substring(0, withSlash.length() - 1));
        } catch (LodeException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the prefix of " + url + " is not valid: " + e.getMessage(), e);
        }
        return withSlash;
    }

    private static URI endpoint(String text, String url) {
        try {
            URI e = URI.create(text);
            if (!("http".equals(e.getScheme()) || "https".equals(e.getScheme())) || e.getRawAuthority() == null) {
                throw new IllegalArgumentException("not an http or https URL");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the endpoint '" + text + "' of " + url
                    + " must be an http:// or https:// URL such as http://127.0.0.1:9000", e);
        }
    }

    private static Duration duration(String name, String text, String url) {
        try {
            Duration d = text.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, name + " '" + text + "' of " + url
                    + " must be a positive number of milliseconds or an ISO-8601 duration such as PT30S", e);
        }
    }
}
