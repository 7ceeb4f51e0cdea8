package io.lode.core.s3;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.crt.auth.credentials.CredentialsProvider;
import software.amazon.awssdk.crt.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.crt.auth.signing.AwsSigningConfig;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpMonitoringOptions;
import software.amazon.awssdk.crt.http.HttpRequest;
import software.amazon.awssdk.crt.http.HttpRequestBodyStream;
import software.amazon.awssdk.crt.io.ClientBootstrap;
import software.amazon.awssdk.crt.io.EventLoopGroup;
import software.amazon.awssdk.crt.io.ExponentialBackoffRetryOptions;
import software.amazon.awssdk.crt.io.HostResolver;
import software.amazon.awssdk.crt.io.StandardRetryOptions;
import software.amazon.awssdk.crt.io.Uri;
import software.amazon.awssdk.crt.s3.S3Client;
import software.amazon.awssdk.crt.s3.S3ClientOptions;
import software.amazon.awssdk.crt.s3.S3MetaRequest;
import software.amazon.awssdk.crt.s3.S3MetaRequestOptions;
import software.amazon.awssdk.crt.s3.S3MetaRequestOptions.MetaRequestType;

/**
 * A thin, asynchronous S3 client over the AWS CRT's native {@link S3Client}: the CRT does the
 * HTTP, signing, connection pooling, retries, multipart uploads and parallel ranged downloads; this
 * class builds the requests and turns the answers into {@link S3Response}s or {@link S3Exception}s.
 *
 * <p>Every call returns a future that completes within {@link S3Settings#requestTimeout()}; a call
 * that takes longer is cancelled and fails with a retryable {@code S3Exception}. {@link #await}
 * waits for one and rethrows its failure. One client serves any number of threads and buckets;
 * {@link #close()} waits until the CRT's threads and native resources are gone.
 */
public final class S3TransferClient implements AutoCloseable {
    /** A thread that owns no arena: segments it may access are accessible from every thread. */
    private static final Thread SOME_OTHER_THREAD = Thread.ofVirtual().unstarted(() -> { });

    private final S3Settings settings;
    private final EventLoopGroup eventLoops;
    private final HostResolver resolver;
    private final ClientBootstrap bootstrap;
    private final CredentialsProvider credentials;
    private final AwsSigningConfig signing;
    private final S3Client client;

    public S3TransferClient(S3Settings settings) {
        this.settings = settings;
        EventLoopGroup elg = null;
        HostResolver hr = null;
        ClientBootstrap bs = null;
        CredentialsProvider creds = null;
        AwsSigningConfig sc = null;
        try {
            elg = new EventLoopGroup(0, Math.max(2, Runtime.getRuntime().availableProcessors()));
            hr = new HostResolver(elg);
            bs = new ClientBootstrap(elg, hr);
            StaticCredentialsProvider.StaticCredentialsProviderBuilder builder =
                    new StaticCredentialsProvider.StaticCredentialsProviderBuilder()
                            .withAccessKeyId(settings.accessKeyId().getBytes(StandardCharsets.UTF_8))
                            .withSecretAccessKey(settings.secretAccessKey().getBytes(StandardCharsets.UTF_8));
            if (settings.sessionToken() != null) {
                builder.withSessionToken(settings.sessionToken().getBytes(StandardCharsets.UTF_8));
            }
            creds = builder.build();
            sc = AwsSigningConfig.getDefaultS3SigningConfig(settings.region(), creds);
            S3ClientOptions options = new S3ClientOptions()
                    .withRegion(settings.region())
                    .withClientBootstrap(bs)
                    .withSigningConfig(sc)
                    .withPartSize(settings.partSize())
                    .withMultipartUploadThreshold(settings.multipartThreshold())
                    .withThroughputTargetGbps(settings.throughputGbps())
                    .withMemoryLimitInBytes(settings.memoryLimit())
                    .withConnectTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.requestTimeout().toMillis()))
                    .withStandardRetryOptions(new StandardRetryOptions().withBackoffRetryOptions(new ExponentialBackoffRetryOptions()
                            .withEventLoopGroup(elg)
                            .withMaxRetries(settings.maxRetries())
                            .withBackoffScaleFactorMS(settings.retryBackoff().toMillis())
                            .withJitterMode(ExponentialBackoffRetryOptions.JitterMode.Full)))
                    .withHttpMonitoringOptions(stallDetection(settings.attemptTimeout()));
            if (settings.maxConnections() > 0) {
                options.withMaxConnections(settings.maxConnections());
            }
            this.client = new S3Client(options);
        } catch (RuntimeException e) {
            closeAll(sc, creds, bs, hr, elg);
            throw e;
        }
        this.eventLoops = elg;
        this.resolver = hr;
        this.bootstrap = bs;
        this.credentials = creds;
        this.signing = sc;
    }

    public S3Settings settings() {
        return settings;
    }

    /** An attempt that moves no byte for {@code attemptTimeout} is abandoned, and retried. */
    private static HttpMonitoringOptions stallDetection(Duration attemptTimeout) {
        HttpMonitoringOptions monitoring = new HttpMonitoringOptions();
        monitoring.setMinThroughputBytesPerSecond(1);
        monitoring.setAllowableThroughputFailureIntervalSeconds((int) Math.min(Integer.MAX_VALUE, attemptTimeout.toSeconds()));
        return monitoring;
    }

    // ------------------------------------------------------------------------------ objects

    /**
     * Uploads {@code body}. Bodies above the multipart threshold go in parts, and an
     * {@code If-None-Match} condition then applies to the completing request, as S3 defines it.
     * An {@code If-Match} upload is always one request, so that no part is sent conditionally.
     */
    public CompletableFuture<S3Response> put(String bucket, String key, MemorySegment body, Precondition condition) {
        // The CRT reads the body on its own threads: a confined segment must be copied first.
        MemorySegment shareable = body.isAccessibleBy(SOME_OTHER_THREAD) ? body : copyToHeap(body);
        HttpRequest request = request("PUT", objectPath(bucket, key), bucket, new SegmentBodyStream(shareable),
                contentLength(body.byteSize()), condition);
        return isIfMatch(condition)
                ? execute(MetaRequestType.DEFAULT, "PutObject", bucket, request, null, 0)
                : execute(MetaRequestType.PUT_OBJECT, "PutObject", bucket, request, null, 0);
    }

    /** Uploads a file; the CRT reads it itself, in parallel parts when it is large. */
    public CompletableFuture<S3Response> putFile(String bucket, String key, Path file, Precondition condition) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new S3Exception(0, "FileUnreadable", "PutObject",
                    "cannot read the file to upload " + file + ": " + e.getMessage(), false, e));
        }
        if (isIfMatch(condition)) {
            // One conditional request: send the file from a mapping that lives until the answer.
            Arena arena = Arena.ofShared();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                MemorySegment mapped = size == 0 ? MemorySegment.ofArray(new byte[0])
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                CompletableFuture<S3Response> f = put(bucket, key, mapped, condition);
                f.whenComplete((r, e) -> arena.close());
                return f;
            } catch (IOException | RuntimeException e) {
                arena.close();
                return CompletableFuture.failedFuture(new S3Exception(0, "FileUnreadable", "PutObject",
                        "cannot read the file to upload " + file + ": " + e.getMessage(), false, e));
            }
        }
        HttpRequest request = request("PUT", objectPath(bucket, key), bucket, null, contentLength(size), condition);
        return execute(MetaRequestType.PUT_OBJECT, "PutObject", bucket, request, file, 0);
    }

    /**
     * Downloads the whole object ({@code length < 0}) or {@code length} bytes from {@code offset};
     * large downloads run as parallel ranged parts. With {@code ifMatch} the read fails with 412 if
     * the object is no longer that version.
     */
    public CompletableFuture<S3Response> get(String bucket, String key, long offset, long length, String ifMatch) {
        List<HttpHeader> extra = new ArrayList<>();
        if (length >= 0) {
            extra.add(new HttpHeader("Range", "bytes=" + offset + "-" + (offset + length - 1)));
        }
        if (ifMatch != null) {
            extra.add(new HttpHeader("If-Match", ifMatch));
        }
        HttpRequest request = request("GET", objectPath(bucket, key), bucket, null, extra.toArray(HttpHeader[]::new));
        return execute(MetaRequestType.GET_OBJECT, "GetObject", bucket, request, null, length >= 0 ? length : Long.MAX_VALUE);
    }

    public CompletableFuture<S3Response> head(String bucket, String key) {
        return execute(MetaRequestType.DEFAULT, "HeadObject", bucket,
                request("HEAD", objectPath(bucket, key), bucket, null), null, 0);
    }

    public CompletableFuture<S3Response> delete(String bucket, String key) {
        return execute(MetaRequestType.DEFAULT, "DeleteObject", bucket,
                request("DELETE", objectPath(bucket, key), bucket, null), null, 0);
    }

    /** One page of ListObjectsV2, keys URL-encoded on the wire and decoded here. */
    public CompletableFuture<ListPage> list(String bucket, String prefix, String startAfter, String continuationToken, int maxKeys) {
        StringBuilder q = new StringBuilder(bucketPath(bucket)).append("?list-type=2&encoding-type=url&max-keys=").append(maxKeys);
        q.append("&prefix=").append(Uri.encodeUriParam(prefix));
        if (continuationToken != null) {
            q.append("&continuation-token=").append(Uri.encodeUriParam(continuationToken));
        } else if (startAfter != null) {
            q.append("&start-after=").append(Uri.encodeUriParam(startAfter));
        }
        return execute(MetaRequestType.DEFAULT, "ListObjectsV2", bucket, request("GET", q.toString(), bucket, null), null, Long.MAX_VALUE)
                .thenApply(r -> S3Xml.listPage(r.body()));
    }

    // ------------------------------------------------------------------------------ buckets

    /** Creates a bucket (tests, examples and first-time setup; Lode's stores never create one). */
    public CompletableFuture<S3Response> createBucket(String bucket) {
        return execute(MetaRequestType.DEFAULT, "CreateBucket", bucket,
                request("PUT", bucketPath(bucket), bucket, null, contentLength(0)), null, 0);
    }

    /** Whether the bucket exists and the credentials may use it: 200, else a failed future. */
    public CompletableFuture<S3Response> headBucket(String bucket) {
        return execute(MetaRequestType.DEFAULT, "HeadBucket", bucket, request("HEAD", bucketPath(bucket), bucket, null), null, 0);
    }

    // ------------------------------------------------------------------------------ waiting

    /** Waits for a call and returns its result, or throws its {@link S3Exception}. */
    public static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new S3Exception(0, "Interrupted", "", "interrupted while waiting for S3", true, e);
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof S3Exception s) {
            return s;
        }
        return new S3Exception(0, cause.getClass().getSimpleName(), "", "S3 call failed: " + cause, true, cause);
    }

    // ------------------------------------------------------------------------------ requests

    private CompletableFuture<S3Response> execute(MetaRequestType type, String operation, String bucket,
            HttpRequest request, Path requestFile, long maxExpected) {
        ResponseCollector collector = new ResponseCollector(operation, maxExpected);
        S3MetaRequestOptions options = new S3MetaRequestOptions()
                .withMetaRequestType(type)
                .withHttpRequest(request)
                .withResponseHandler(collector)
                .withEndpoint(settings.endpointFor(bucket));
        if (type == MetaRequestType.DEFAULT) {
            options.withOperationName(operation);
        }
        if (requestFile != null) {
            options.withRequestFilePath(requestFile);
        }
        S3MetaRequest metaRequest;
        try {
            metaRequest = client.makeMetaRequest(options);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new S3Exception(0, "RequestRejected", operation,
                    "S3 " + operation + " could not be started: " + e.getMessage(), false, e));
        }
        long timeoutMillis = settings.requestTimeout().toMillis();
        // Release the Java handle only once the CRT is done with the request, off its threads.
        collector.finished.whenCompleteAsync((x, y) -> metaRequest.close(), ForkJoinPool.commonPool());
        return collector.result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure == null) {
                return response;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                metaRequest.cancel();
                throw new S3Exception(0, "Timeout", operation, "S3 " + operation + " got no answer within "
                        + settings.requestTimeout() + " (endpoint " + settings.endpointFor(bucket) + ")", true, cause);
            }
            throw cause instanceof S3Exception s ? s : new CompletionException(cause);
        });
    }

    private HttpRequest request(String method, String path, String bucket, HttpRequestBodyStream body, HttpHeader... extra) {
        URI endpoint = settings.endpointFor(bucket);
        HttpRequest request = new HttpRequest(method, path, new HttpHeader[] {new HttpHeader("Host", endpoint.getRawAuthority())}, body);
        for (HttpHeader h : extra) {
            if (h != null) {
                request.addHeader(h);
            }
        }
        return request;
    }

    private HttpRequest request(String method, String path, String bucket, HttpRequestBodyStream body,
            HttpHeader length, Precondition condition) {
        HttpHeader conditionHeader = condition.header() == null ? null : new HttpHeader(condition.header(), condition.value());
        return request(method, path, bucket, body, length, conditionHeader);
    }

    private String bucketPath(String bucket) {
        return settings.pathStyle() ? "/" + bucket : "/";
    }

    private String objectPath(String bucket, String key) {
        return (settings.pathStyle() ? "/" + bucket + "/" : "/") + Uri.encodeUriPath(key);
    }

    private static HttpHeader contentLength(long n) {
        return new HttpHeader("Content-Length", Long.toString(n));
    }

    private static boolean isIfMatch(Precondition condition) {
        return "If-Match".equals(condition.header());
    }

    private static MemorySegment copyToHeap(MemorySegment body) {
        if (body.byteSize() > ResponseCollector.MAX_BODY) {
            throw new IllegalArgumentException("a " + body.byteSize()
                    + "-byte segment of a confined arena cannot be uploaded; allocate it from a shared arena");
        }
        return MemorySegment.ofArray(body.toArray(ValueLayout.JAVA_BYTE));
    }

    // ------------------------------------------------------------------------------ closing

    /** Shuts the client down and waits until its native threads and resources are released. */
    @Override
    public void close() {
        CompletableFuture<Void> clientDone = client.getShutdownCompleteFuture();
        client.close();
        awaitQuietly(clientDone);
        CompletableFuture<Void> loopsDone = eventLoops.getShutdownCompleteFuture();
        closeAll(signing, credentials, bootstrap, resolver, eventLoops);
        awaitQuietly(loopsDone);
    }

    private static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // shutting down regardless
        }
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception ignored) {
                    // keep closing the rest
                }
            }
        }
    }
}
