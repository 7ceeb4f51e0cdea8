package io.lode.core.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.testing.S3ProxyExtension;
import io.lode.testing.S3ProxyServer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.crt.CrtResource;

@ExtendWith(S3ProxyExtension.class)
class S3TransferClientTest {
    private static S3ProxyServer server;
    private static S3TransferClient client;
    private static String bucket;

    @BeforeAll
    static void start(S3ProxyServer s3) {
        server = s3;
        bucket = s3.newBucket();
        client = new S3TransferClient(s3.settings());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static MemorySegment bytes(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8));
    }

    private static S3Exception failure(java.util.concurrent.CompletableFuture<?> call) {
        return assertThrows(S3Exception.class, () -> S3TransferClient.await(call));
    }

    @Test
    void putGetHeadDeleteWithEtags() {
        S3Response put = S3TransferClient.await(client.put(bucket, "a/b c+d%e=f/ü", bytes("hello"), Precondition.absent()));
        assertNotNull(put.etag());
        S3Response got = S3TransferClient.await(client.get(bucket, "a/b c+d%e=f/ü", 0, -1, null));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), got.body());
        assertEquals(put.etag(), got.etag());
        S3Response head = S3TransferClient.await(client.head(bucket, "a/b c+d%e=f/ü"));
        assertEquals(5, head.objectSize());
        S3TransferClient.await(client.delete(bucket, "a/b c+d%e=f/ü"));
        S3TransferClient.await(client.delete(bucket, "a/b c+d%e=f/ü"));
        assertEquals(404, failure(client.head(bucket, "a/b c+d%e=f/ü")).status());
        S3Exception missing = failure(client.get(bucket, "a/b c+d%e=f/ü", 0, -1, null));
        assertEquals(404, missing.status());
        assertEquals("NoSuchKey", missing.errorCode());
    }

    @Test
    void conditionalPutsAnswer412() {
        S3Response first = S3TransferClient.await(client.put(bucket, "cond", bytes("one"), Precondition.absent()));
        assertEquals(412, failure(client.put(bucket, "cond", bytes("two"), Precondition.absent())).status());
        S3Response second = S3TransferClient.await(client.put(bucket, "cond", bytes("two"), Precondition.matching(first.etag())));
        assertEquals(412, failure(client.put(bucket, "cond", bytes("three"), Precondition.matching(first.etag()))).status());
        assertArrayEquals("two".getBytes(StandardCharsets.UTF_8), S3TransferClient.await(client.get(bucket, "cond", 0, -1, second.etag())).body());
        assertEquals(412, failure(client.get(bucket, "cond", 0, -1, first.etag())).status());
    }

    @Test
    void aHundredMebibytesGoInEightMebibyteParts() {
        long size = 100L << 20;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment big = arena.allocate(size);
            for (long i = 0; i < size; i += 8) {
                big.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 0x9E3779B97F4A7C15L);
            }
            S3Response put = S3TransferClient.await(client.put(bucket, "big", big, Precondition.absent()));
            assertTrue(put.etag().endsWith("-13\""), "a multipart etag names its 13 parts: " + put.etag());
            byte[] back = S3TransferClient.await(client.get(bucket, "big", 0, -1, null)).body();
            assertEquals(-1, MemorySegment.mismatch(big, 0, size, MemorySegment.ofArray(back), 0, back.length));

            // a conditional multipart create over the existing key fails on Complete and changes nothing
            MemorySegment other = arena.allocate(20L << 20);
            other.fill((byte) 7);
            S3Exception e = failure(client.put(bucket, "big", other, Precondition.absent()));
            assertEquals(412, e.status());
            S3Response head = S3TransferClient.await(client.head(bucket, "big"));
            assertEquals(size, head.objectSize());
            assertEquals(put.etag(), head.etag());
        }
    }

    @Test
    void rangedGetsAtTheEdges() {
        S3TransferClient.await(client.put(bucket, "range", bytes("0123456789"), Precondition.none()));
        assertArrayEquals("0".getBytes(StandardCharsets.UTF_8), S3TransferClient.await(client.get(bucket, "range", 0, 1, null)).body());
        S3Response last = S3TransferClient.await(client.get(bucket, "range", 9, 1, null));
        assertArrayEquals("9".getBytes(StandardCharsets.UTF_8), last.body());
        assertEquals(10, last.objectSize());
        assertArrayEquals("789".getBytes(StandardCharsets.UTF_8), S3TransferClient.await(client.get(bucket, "range", 7, 100, null)).body());
        assertEquals(416, failure(client.get(bucket, "range", 10, 5, null)).status());
    }

    @Test
    void listingPagesThroughTwoAndAHalfThousandKeys() {
        List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> String.format("list/k%05d", i)).toList();
        keys.parallelStream().forEach(k -> S3TransferClient.await(client.put(bucket, k, bytes(k), Precondition.none())));
        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ListPage page = S3TransferClient.await(client.list(bucket, "list/", null, token, 1000));
            page.entries().forEach(e -> listed.add(e.key()));
            token = page.nextContinuationToken();
            pages++;
        } while (token != null);
        assertEquals(keys, listed);
        assertEquals(3, pages);
        ListPage after = S3TransferClient.await(client.list(bucket, "list/", "list/k02497", null, 1000));
        assertEquals(List.of("list/k02498", "list/k02499"), after.entries().stream().map(ListPage.Entry::key).toList());
    }

    @Test
    void wrongCredentialsAnswer403() {
        S3Settings s = server.settings();
        S3Settings wrong = new S3Settings(s.region(), s.endpoint(), true, s.accessKeyId(), "not-the-secret", null,
                s.partSize(), s.multipartThreshold(), 1.0, 1L << 30, 4, Duration.ofSeconds(10));
        try (S3TransferClient c = new S3TransferClient(wrong)) {
            S3Exception e = failure(c.head(bucket, "anything"));
            assertEquals(403, e.status());
            assertEquals(false, e.retryable());
        }
    }

    @Test
    void aStoppedServerFailsWithinTheTimeoutAndRetryably() throws Exception {
        S3ProxyServer doomed = S3ProxyServer.start();
        String b = doomed.newBucket();
        S3Settings s = doomed.settings();
        S3Settings quick = new S3Settings(s.region(), s.endpoint(), true, s.accessKeyId(), s.secretAccessKey(), null,
                s.partSize(), s.multipartThreshold(), 1.0, 1L << 30, 4, Duration.ofSeconds(5));
        doomed.close();
        try (S3TransferClient c = new S3TransferClient(quick)) {
            long started = System.nanoTime();
            S3Exception e = failure(c.put(b, "k", bytes("v"), Precondition.none()));
            assertEquals(0, e.status());
            assertTrue(e.retryable());
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(60).toNanos(), "it must not hang");
        }
    }

    @Test
    void aMissingBucketIsNoSuchBucket() {
        S3Exception e = failure(client.get("no-such-bucket-lode", "k", 0, -1, null));
        assertEquals(404, e.status());
        assertEquals("NoSuchBucket", e.errorCode());
    }

    @Test
    void closingReleasesEveryNativeResource() {
        new S3TransferClient(server.settings()).close();
        client.close();
        CrtResource.waitForNoResources();
        client = new S3TransferClient(server.settings());
    }
}
