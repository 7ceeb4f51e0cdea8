package io.lode.examples.eventhub;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.TailOptions;
import io.lode.isle.TailingOptions;
import io.lode.isle.TailingReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The consumer side of an event hub: tails the events {@link EventProducer} commits, in order,
 * each once, polling the manifest log every 100 ms (one read when nothing is new). To resume after a
 * restart, pass the last sequence number it printed.
 *
 * <pre>EventConsumer &lt;url&gt; [start-after-sequence] [seconds]</pre>
 */
public final class EventConsumer {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        long startAfter = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        try (LodeConnection connection = Lode.connect(url);
                TailingReader tailer = connection.isle("eventhub").openTailingReader(TailingOptions.defaults())) {
            Thread stopper = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(Duration.ofSeconds(seconds));
                } catch (InterruptedException ignored) {
                    // stop now
                }
                tailer.stop();
            });
            TailOptions options = TailOptions.every(Duration.ofMillis(100));
            if (startAfter > 0) {
                options = options.withStartAfterKey(ByteBuffer.allocate(8).putLong(startAfter).array());
            }
            tailer.tail(options, (key, value) -> System.out.println("consumed " + ByteBuffer.wrap(key).getLong() + ": "
                    + new String(value, StandardCharsets.UTF_8)));
            stopper.interrupt();
        }
    }
}
