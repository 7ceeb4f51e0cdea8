package io.lode.examples.maintenance;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.Cursor;
import io.lode.isle.IsleReader;
import io.lode.isle.ReaderOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;

/**
 * The reader process of the maintenance example: every second it refreshes its view and prints, per
 * sensor, how many readings the database still holds and the oldest and newest of them. Compaction
 * changes nothing it sees; retention makes the oldest readings disappear, table by table.
 *
 * <pre>MaintenanceReader &lt;url&gt; [seconds, default 90]</pre>
 */
public final class MaintenanceReader {
    private MaintenanceReader() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        try (LodeConnection connection = Lode.connect(url);
                IsleReader reader = connection.isle(MaintenanceWriter.DATABASE).openReader(ReaderOptions.defaults())) {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                reader.refresh();
                StringBuilder line = new StringBuilder(Instant.now().toString());
                for (String sensor : MaintenanceWriter.SENSORS) {
                    long count = 0;
                    long oldest = -1;
                    long newest = -1;
                    try (Cursor cursor = reader.scan(MaintenanceWriter.key(sensor, 0),
                            MaintenanceWriter.key(sensor, Long.MAX_VALUE))) {
                        while (cursor.next()) {
                            long micros = ByteBuffer.wrap(cursor.key(), sensor.length() + 1, 8).getLong();
                            oldest = oldest < 0 ? micros : oldest;
                            newest = micros;
                            count++;
                        }
                    }
                    line.append(String.format("  %s: %d readings", sensor, count));
                    if (count > 0) {
                        line.append(String.format(" (%s .. %s)", Instant.ofEpochMilli(oldest / 1_000),
                                Instant.ofEpochMilli(newest / 1_000)));
                    }
                }
                System.out.println(line);
                Thread.sleep(1_000);
            }
        }
    }
}
