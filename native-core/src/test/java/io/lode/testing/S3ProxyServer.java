package io.lode.testing;

import io.lode.core.s3.S3Settings;
import io.lode.core.s3.S3TransferClient;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A real S3 server for tests: S3Proxy with its in-memory {@code transient} backend, in this JVM, on
 * 127.0.0.1 and a free port, checking SigV4 signatures. Get the shared one through
 * {@link S3ProxyExtension}; start a private one with {@link #start()} to stop it in a test.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "lode-test-access-key";
    public static final String SECRET_KEY = "lode-test-secret-key";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts a new server and waits until it accepts connections. */
    public static S3ProxyServer start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // the CRT's CompleteMultipartUpload carries x-amz-mp-object-size, unknown to S3Proxy
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new S3ProxyServer(proxy);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Client settings for this server: path style, its credentials, small parts, a short timeout. */
    public S3Settings settings() {
        return new S3Settings(REGION, endpoint, true, ACCESS_KEY, SECRET_KEY, null,
                8L << 20, 8L << 20, 1.0, 1L << 30, 16, Duration.ofSeconds(30));
    }

    /** Creates a bucket with a fresh name and returns the name. */
    public String newBucket() {
        String bucket = "lode-" + UUID.randomUUID().toString().substring(0, 18);
        try (S3TransferClient client = new S3TransferClient(settings())) {
            S3TransferClient.await(client.createBucket(bucket));
        }
        return bucket;
    }

    /** Stops the server; clients then get connection errors. */
    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
