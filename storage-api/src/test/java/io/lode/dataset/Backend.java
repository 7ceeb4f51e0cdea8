package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** The store drivers the dataset and volume behaviours run on (S3 has its own test class). */
public enum Backend {
    MEM {
        @Override
        public LodeConnection connect() {
            return Lode.connect("lode:mem:datasets-" + UUID.randomUUID());
        }
    },
    FILE {
        @Override
        public LodeConnection connect() {
            try {
                return Lode.connect("lode:" + Files.createTempDirectory("lode-datasets").toUri());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    /** A fresh prefix of a bucket on S3Proxy, a real S3 server in this JVM. */
    S3 {
        @Override
        public LodeConnection connect() {
            Properties p = new Properties();
            p.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
            p.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
            return Lode.connect("lode:s3://" + SharedS3.BUCKET + "/ds-" + UUID.randomUUID() + "?region=us-east-1&endpoint="
                    + SharedS3.SERVER.endpoint(), p);
        }
    };

    /** One S3Proxy for all dataset and volume tests, started on first use and stopped with the JVM. */
    private static final class SharedS3 {
        static final S3ProxyServer SERVER = S3ProxyServer.start();
        static final String BUCKET = SERVER.newBucket();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    SERVER.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }));
        }
    }

    /** A fresh, empty location. */
    public abstract LodeConnection connect();

    /** Asserts that {@code call} fails with {@code code}, and returns the failure. */
    public static LodeException fails(ErrorCode code, Executable call) {
        return fails(code, call, "");
    }

    /** As {@link #fails(ErrorCode, Executable)}, saying which case failed. */
    public static LodeException fails(ErrorCode code, Executable call, String what) {
        LodeException e = Assertions.assertThrows(LodeException.class, call, what);
        Assertions.assertEquals(code, e.code(), () -> what + ": " + e);
        return e;
    }
}
