package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.testing.S3ProxyExtension;
import io.lode.testing.S3ProxyServer;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Isle model test against a real S3 server (S3Proxy on loopback). */
@ExtendWith(S3ProxyExtension.class)
class IsleS3ModelTest extends IsleModelContract {
    private static S3ProxyServer server;
    private static String bucket;

    @BeforeAll
    static void start(S3ProxyServer s3) {
        server = s3;
        bucket = s3.newBucket();
    }

    @Override
    protected LodeConnection connect() {
        Properties p = new Properties();
        p.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
        p.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
        return Lode.connect("lode:s3://" + bucket + "/isle-" + UUID.randomUUID() + "?region=us-east-1&endpoint=" + server.endpoint(), p);
    }
}
