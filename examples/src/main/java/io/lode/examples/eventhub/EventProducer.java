package io.lode.examples.eventhub;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.CommittedLsnExtractor;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The producer side of an event hub over one Lode URL: appends events under 8-byte big-endian
 * sequence keys, continuing after the last committed one, and flushes every 100 ms (the background
 * flush). Run {@link EventConsumer} beside it, in another process or on another host.
 *
 * <pre>EventProducer &lt;url&gt; [events-per-second] [seconds]</pre>
 */
public final class EventProducer {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (LodeConnection connection = Lode.connect(url)) {
            var db = connection.isle("eventhub");
            long next;
            try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                next = r.maxCommittedLsn().orElse(0) + 1;
            }
            WriterOptions options = WriterOptions.defaults().withFlushInterval(Duration.ofMillis(100))
                    .withCommittedLsnExtractor(CommittedLsnExtractor.bigEndianLong());
            try (IsleWriter writer = db.openWriter(options)) {
                long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                while (System.nanoTime() < end) {
                    String event = "event " + next + " at " + Instant.now();
                    writer.put(ByteBuffer.allocate(8).putLong(next).array(), event.getBytes(StandardCharsets.UTF_8));
                    System.out.println("produced " + next);
                    next++;
                    Thread.sleep(1000L / Math.max(1, perSecond));
                }
            }
            System.out.println("producer done; last event " + (next - 1) + " is committed");
        }
    }
}
