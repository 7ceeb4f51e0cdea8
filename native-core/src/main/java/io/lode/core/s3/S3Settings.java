package io.lode.core.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link S3TransferClient} reaches its service.
 *
 * @param region the signing region, e.g. {@code us-east-1}
 * @param endpoint the service endpoint, e.g. {@code http://127.0.0.1:9000} for a local S3-compatible
 *     server; null for AWS ({@code https://s3.<region>.amazonaws.com})
 * @param pathStyle address buckets as {@code /bucket/key} on the endpoint's host (required by most
 *     S3-compatible servers) instead of as {@code bucket.host}
 * @param accessKeyId the access key
 * @param secretAccessKey the secret key
 * @param sessionToken a session token for temporary credentials, or null
 * @param partSize the size of multipart upload parts and of parallel ranged GET parts (at least 5 MiB)
 * @param multipartThreshold bodies larger than this are uploaded in parts
 * @param throughputGbps the throughput the client aims for; it sizes the connection pool
 * @param memoryLimit the most memory the client buffers for transfers in flight
 * @param maxConnections the most connections the client opens (0: derived from the throughput)
 * @param requestTimeout how long one operation may take, retries included, before it fails
 * @param maxRetries how often the client retries one request that failed transiently (no answer,
 *     a reset, 5xx, 429/SlowDown), within {@code requestTimeout}
 * @param retryBackoff the scale of the exponential back-off between retries: the n-th retry waits
 *     a random time up to {@code retryBackoff * 2^n} (full jitter)
 * @param attemptTimeout how long one attempt may transfer nothing before the client abandons it and
 *     retries, so that a stalled connection costs one attempt, not the whole {@code requestTimeout}
 *     (whole seconds, at least 1)
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
        String sessionToken, long partSize, long multipartThreshold, double throughputGbps, long memoryLimit,
        int maxConnections, Duration requestTimeout, int maxRetries, Duration retryBackoff, Duration attemptTimeout) {

    public static final long MIN_PART_SIZE = 5L << 20;
    /** The default of {@link #maxRetries()}. */
    public static final int DEFAULT_MAX_RETRIES = 10;
    /** The default of {@link #retryBackoff()}. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(50);
    /** The default of {@link #attemptTimeout()}. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    /** Settings with the default retries: {@link #DEFAULT_MAX_RETRIES}, {@link #DEFAULT_RETRY_BACKOFF}, {@link #DEFAULT_ATTEMPT_TIMEOUT}. */
    public S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
            String sessionToken, long partSize, long multipartThreshold, double throughputGbps, long memoryLimit,
            int maxConnections, Duration requestTimeout) {
        this(region, endpoint, pathStyle, accessKeyId, secretAccessKey, sessionToken, partSize, multipartThreshold,
                throughputGbps, memoryLimit, maxConnections, requestTimeout, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BACKOFF,
                DEFAULT_ATTEMPT_TIMEOUT);
    }

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries " + maxRetries + " is negative");
        }
        if (retryBackoff.toMillis() < 1 || attemptTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("retryBackoff must be at least 1 ms and attemptTimeout at least 1 s, not "
                    + retryBackoff + " and " + attemptTimeout);
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum of 5 MiB");
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("multipartThreshold " + multipartThreshold + " < partSize " + partSize);
        }
    }

    /** The endpoint requests go to for {@code bucket}. */
    URI endpointFor(String bucket) {
        URI base = endpoint != null ? endpoint : URI.create("https://s3." + region + ".amazonaws.com");
        if (pathStyle) {
            return base;
        }
        return URI.create(base.getScheme() + "://" + bucket + "." + base.getRawAuthority());
    }
}
