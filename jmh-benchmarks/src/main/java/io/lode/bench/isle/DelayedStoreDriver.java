package io.lode.bench.isle;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ForwardingObjectStore;
import io.lode.spi.ObjectStore;
import io.lode.spi.StoreDriver;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code lode:delayed:<millis>:<inner url>}: the store of the inner Lode URL with every request held
 * {@code millis} before it is sent, as a round trip to object storage would hold it (S3 Standard's
 * small-object latency is about 25 ms), and counted. For benchmarks that count round trips.
 */
public final class DelayedStoreDriver implements StoreDriver {
    /** Requests sent through every delayed store of this JVM. */
    public static final AtomicLong REQUESTS = new AtomicLong();
    /**
     * With {@code -Dlode.delayed.trace=true}, each request is printed when it is sent: milliseconds
     * since the JVM started, the operation and the key, to see which requests wait on which.
     */
    private static final boolean TRACE = Boolean.getBoolean("lode.delayed.trace");

    @Override
    public String scheme() {
        return "delayed";
    }

    @Override
    public ObjectStore open(URI uri, Properties properties) {
        String rest = uri.getSchemeSpecificPart();
        int colon = rest.indexOf(':');
        long millis;
        try {
            millis = Long.parseLong(rest.substring(0, Math.max(colon, 0)));
        } catch (NumberFormatException e) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a delayed store URL is lode:delayed:<millis>:<url>, not lode:"
                    + uri);
        }
        LodeConnection inner = Lode.connect("lode:" + rest.substring(colon + 1), properties);
        return new ForwardingObjectStore(inner.store()) {
            @Override
            protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
                REQUESTS.incrementAndGet();
                if (TRACE) {
                    System.out.printf("%8d ms  %-8s %s%n", ManagementFactory.getRuntimeMXBean().getUptime(), operation.label(),
                            keyOrPrefix);
                }
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LodeException(ErrorCode.IO, "interrupted before " + operation.label(), e, true);
                }
                return call.get();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
