package io.lode.examples.maintenance;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.CommittedLsnExtractor;
import io.lode.isle.IsleWriter;
import io.lode.isle.WriterOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The writer process of the maintenance example: appends readings of a few sensors under keys
 * {@code <sensor>/<8-byte big-endian time>} and flushes every 200 ms, so level 0 keeps growing until
 * {@link MaintenanceDaemon} merges it and retention drops the oldest tables. Run it beside
 * {@link MaintenanceReader} and {@link MaintenanceDaemon}, each in its own process, over one URL.
 *
 * <pre>MaintenanceWriter &lt;url&gt; [seconds, default 60] [readings per second, default 2000]</pre>
 */
public final class MaintenanceWriter {
    static final String DATABASE = "maintenance";
    static final String[] SENSORS = {"boiler", "pump", "valve", "vent"};

    private MaintenanceWriter() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        WriterOptions options = WriterOptions.defaults().withFlushInterval(Duration.ofMillis(200));
        long written = 0;
        try (LodeConnection connection = Lode.connect(url);
                IsleWriter writer = connection.isle(DATABASE).openWriter(options)) {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                long now = System.currentTimeMillis();
                for (String sensor : SENSORS) {
                    double reading = 20 + 5 * Math.sin(now / 10_000.0) + sensor.length();
                    writer.put(key(sensor, now * 1_000 + written % 1_000),
                            String.format("%.3f", reading).getBytes(StandardCharsets.UTF_8));
                    written++;
                }
                if (written % 10_000 < SENSORS.length) {
                    System.out.println(Instant.now() + " written " + written + " readings");
                }
                next += 1_000_000_000L * SENSORS.length / perSecond;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
        System.out.println("writer done: " + written + " readings, all flushed (close flushes)");
    }

    /** {@code <sensor>/} and the reading's time in microseconds, big-endian so keys sort by time. */
    static byte[] key(String sensor, long micros) {
        byte[] name = (sensor + "/").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(name.length + 8).put(name).putLong(micros).array();
    }
}
