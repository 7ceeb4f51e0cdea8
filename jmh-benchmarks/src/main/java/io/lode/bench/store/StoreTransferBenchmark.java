package io.lode.bench.store;

import io.lode.bench.Directories;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import io.lode.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PUT and GET of one object through a store, timed per operation (mean and percentiles; MB/s is
 * size / mean). Stores, side by side in one run:
 * <ul>
 *   <li>{@code s3-parts}: S3Proxy on loopback, in this JVM, with 8 MiB parts: objects above 8 MiB
 *       go as multipart uploads and parallel ranged GETs;
 *   <li>{@code s3-whole}: the same server with 256 MiB parts: every object is one request;
 *   <li>{@code file}: the file store (fsync on), the local ceiling for the same bytes.
 * </ul>
 * Puts overwrite one key, so the server's memory holds one object per size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class StoreTransferBenchmark {
    @Param({"1024", "1048576", "67108864"})
    public int size;

    @Param({"s3-parts", "s3-whole", "file"})
    public String store;

    private S3ProxyServer server;
    private Path directory;
    private LodeConnection connection;
    private ObjectStore objects;
    private byte[] body;

    @Setup(Level.Trial)
    public void open() throws Exception {
        body = new byte[size];
        new Random(42).nextBytes(body);
        if (store.equals("file")) {
            directory = Files.createTempDirectory("lode-bench-store");
            connection = Lode.connect("lode:" + directory.toUri());
        } else {
            server = S3ProxyServer.start();
            String bucket = server.newBucket();
            Properties credentials = new Properties();
            credentials.setProperty("accessKeyId", S3ProxyServer.ACCESS_KEY);
            credentials.setProperty("secretAccessKey", S3ProxyServer.SECRET_KEY);
            long partSize = store.equals("s3-parts") ? 8L << 20 : 256L << 20;
            connection = Lode.connect("lode:s3://" + bucket + "/bench-" + UUID.randomUUID()
                    + "?region=us-east-1&endpoint=" + server.endpoint() + "&partSize=" + partSize, credentials);
        }
        objects = connection.store();
        objects.put("object", ObjectBody.of(body), PutMode.OVERWRITE);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        if (server != null) {
            server.close();
        }
        Directories.deleteRecursively(directory);
    }

    @Benchmark
    public String put() {
        return objects.put("object", ObjectBody.of(body), PutMode.OVERWRITE);
    }

    @Benchmark
    public byte[] get() {
        return objects.get("object").bytes();
    }
}
