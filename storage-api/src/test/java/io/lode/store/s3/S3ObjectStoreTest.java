package io.lode.store.s3;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.testing.S3ProxyExtension;
import io.lode.testing.S3ProxyServer;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStoreContract;
import io.lode.spi.PutMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract against a real S3 server (S3Proxy on loopback), plus what only S3 has. */
@ExtendWith(S3ProxyExtension.class)
class S3ObjectStoreTest extends ObjectStoreContract {
    private static S3ProxyServer server;
    private static String bucket;

    @BeforeAll
    static void startServer(S3ProxyServer s3) {
        server = s3;
        bucket = s3.newBucket();
    }

    static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
        p.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
        return p;
    }

    static String url(URI endpoint, String bucketName, String prefix, String extra) {
        return "lode:s3://" + bucketName + "/" + prefix + "?region=us-east-1&endpoint=" + endpoint + extra;
    }

    @Override
    protected LodeConnection connect() {
        return Lode.connect(url(server.endpoint(), bucket, "contract-" + UUID.randomUUID(), ""), credentials());
    }

    @Override
    protected boolean ifMatchIsAtomicUnderConcurrency() {
        return false; // S3Proxy checks If-Match and then writes (docs/object-store.md, S3Proxy)
    }

    @Test
    void hivePartitionKeysAndReservedCharactersRoundTrip() {
        List<String> keys = List.of("dt=2026-11-21/part=0001.jsonl", "a+b", "100%", "sp ace/x", "ü/ñ", "q&a=1");
        for (String key : keys) {
            store.put(key, utf8(key));
            assertArrayEquals(utf8(key), store.get(key).bytes(), key);
        }
        assertEquals(keys.stream().sorted().toList(), store.list("").map(ListedObject::key).toList());
    }

    @Test
    void aConditionalMultipartCreateOverAnExistingKeyLeavesItIntact() {
        byte[] original = new byte[12 << 20];
        original[0] = 1;
        String etag = store.put("mp", original);
        assertFails(ErrorCode.PATH_EXISTS, () -> store.put("mp", new byte[10 << 20]));
        assertEquals(etag, store.head("mp").orElseThrow().etag());
        assertArrayEquals(original, store.get("mp").bytes());
    }

    @Test
    void storesUnderOnePrefixDoNotSeeEachOther() {
        try (LodeConnection other = Lode.connect(url(server.endpoint(), bucket, "other-" + UUID.randomUUID(), ""), credentials())) {
            other.store().put("k", utf8("other"));
            store.put("k", utf8("mine"));
            assertArrayEquals(utf8("other"), other.store().get("k").bytes());
            assertEquals(List.of("k"), other.store().list("").map(ListedObject::key).toList());
        }
    }

    @Test
    void wrongCredentialsAreAccessDeniedAndNameTheCredentialsButNotTheSecret() {
        Properties wrong = credentials();
        wrong.setProperty("secretAccessKey", "wrong-secret-value");
        try (LodeConnection c = Lode.connect(url(server.endpoint(), bucket, "x", "&requestTimeout=PT10S"), wrong)) {
            LodeException e = assertThrows(LodeException.class, () -> c.store().get("k"));
            assertEquals(ErrorCode.ACCESS_DENIED, e.code());
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("credentials"), e.getMessage());
            assertFalse(e.toString().contains("wrong-secret-value"), e::toString);
            assertFalse(c.toString().contains("wrong-secret-value"), c::toString);
            assertFalse(c.isValid(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aMissingBucketIsNotFound() {
        try (LodeConnection c = Lode.connect(url(server.endpoint(), "no-such-bucket", "x", ""), credentials())) {
            LodeException e = assertThrows(LodeException.class, () -> c.store().put("k", utf8("v")));
            assertEquals(ErrorCode.NOT_FOUND, e.code());
            assertTrue(e.getMessage().contains("bucket 'no-such-bucket'"), e.getMessage());
            assertFalse(c.isValid(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aStoppedServerIsARetryableTimeoutWithinTheRequestTimeout() throws Exception {
        S3ProxyServer doomed = S3ProxyServer.start();
        String b = doomed.newBucket();
        URI endpoint = doomed.endpoint();
        doomed.close();
        try (LodeConnection c = Lode.connect(url(endpoint, b, "x", "&requestTimeout=5000"), credentials())) {
            LodeException e = assertThrows(LodeException.class, () -> c.store().put("k", ObjectBody.of(utf8("v")), PutMode.OVERWRITE));
            assertEquals(ErrorCode.TIMEOUT, e.code(), e::toString);
            assertTrue(e.retryable());
            assertFalse(c.isValid(Duration.ofSeconds(2)));
        }
    }

    @Test
    void badUrlsAndSettingsAreRejectedBeforeAnyRequest() {
        Map<String, String> noEnvironment = Map.of();
        S3StoreDriver driver = new S3StoreDriver(noEnvironment);
        for (String bad : List.of("s3:bucket", "s3:///prefix", "s3://Upper_Case/x", "s3://b/../x")) {
            LodeException e = assertThrows(LodeException.class, () -> driver.open(URI.create(bad), credentials()));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), bad + ": " + e.getMessage());
        }
        LodeException noCredentials = assertThrows(LodeException.class, () -> driver.open(URI.create("s3://bucket/x"), new Properties()));
        assertTrue(noCredentials.getMessage().contains("AWS_ACCESS_KEY_ID"), noCredentials.getMessage());
        for (String setting : List.of("partSize=1024", "requestTimeout=soon", "endpoint=ftp://x", "pathStyle=sometimes", "regoin=x")) {
            LodeException e = assertThrows(LodeException.class, () -> driver.open(URI.create("s3://bucket/x?" + setting), credentials()));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), setting);
        }
    }

    @Test
    void credentialsFallBackToTheAwsEnvironmentVariables() {
        S3StoreDriver driver = new S3StoreDriver(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY, "AWS_REGION", "us-east-1"));
        try (var s = driver.open(URI.create("s3://" + bucket + "/env-" + UUID.randomUUID() + "?endpoint=" + server.endpoint()), new Properties())) {
            s.put("k", utf8("v"), PutMode.CREATE);
            assertArrayEquals(utf8("v"), s.get("k").bytes());
        }
    }
}
