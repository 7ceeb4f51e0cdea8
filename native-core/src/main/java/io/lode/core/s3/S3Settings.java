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
 */
public record S3Settings(String region, URI endpoint, boolean pathStyle, String accessKeyId, String secretAccessKey,
        String sessionToken, long partSize, long multipartThreshold, double throughputGbps, long memoryLimit,
        int maxConnections, Duration requestTimeout) {

    public static final long MIN_PART_SIZE = 5L << 20;

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
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
