package io.lode.examples;

import io.lode.LodeConnection;
import io.lode.isle.CatchUpOptions;
import io.lode.isle.CatchUpResult;
import io.lode.isle.CommitInfo;
import io.lode.isle.Cursor;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.TailingOptions;
import io.lode.isle.TailingReader;
import io.lode.isle.WriterOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Isle key-value engine on any connection: a writer puts events under 8-byte big-endian
 * sequence keys and flushes, a reader gets and scans them, a tailing reader streams what is new,
 * and a second writer takes over from the first.
 */
public final class IsleTour {
    private IsleTour() {}

    private static byte[] lsn(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void run(LodeConnection connection) {
        IsleDB db = connection.isle("events");
        WriterOptions writerOptions = WriterOptions.defaults().withFlushInterval(Duration.ZERO);
        try (IsleWriter writer = db.openWriter(writerOptions);
                IsleReader reader = db.openReader(ReaderOptions.defaults());
                TailingReader tailer = db.openTailingReader(TailingOptions.defaults())) {
            for (long n = 1; n <= 1_000; n++) {
                writer.put(lsn(n), ("event " + n).getBytes(StandardCharsets.UTF_8));
            }
            CommitInfo first = writer.flush();
            System.out.println("isle: writer put 1000 events and flushed: " + first.sstIds().size() + " SST, log entry "
                    + first.logSeq() + ", " + first.entries() + " entries");

            reader.refresh();
            System.out.println("isle: reader get(42) = \"" + text(reader.get(lsn(42))) + "\"");
            try (Cursor c = reader.scan(lsn(998), null)) {
                while (c.next()) {
                    System.out.println("isle: reader scan from 998: " + ByteBuffer.wrap(c.key()).getLong() + " -> \"" + text(c.value()) + "\"");
                }
            }

            CatchUpResult caughtUp = tailer.catchUp(CatchUpOptions.all(), (k, v) -> { });
            System.out.println("isle: tailer caught up on " + caughtUp.count() + " events, last " + ByteBuffer.wrap(caughtUp.lastKey()).getLong());
            for (long n = 1_001; n <= 1_003; n++) {
                writer.put(lsn(n), ("event " + n).getBytes(StandardCharsets.UTF_8));
            }
            writer.delete(lsn(42));
            writer.flush();
            tailer.catchUp(CatchUpOptions.all().withStartAfterKey(caughtUp.lastKey()),
                    (k, v) -> System.out.println("isle: tailer new event " + ByteBuffer.wrap(k).getLong() + " -> \"" + text(v) + "\""));
            reader.refresh();
            System.out.println("isle: after the delete, get(42) = " + reader.get(lsn(42)));
        }
        try (IsleWriter takeover = db.openWriter(writerOptions)) {
            takeover.put(lsn(1_004), "event 1004".getBytes(StandardCharsets.UTF_8));
            CommitInfo info = takeover.flush();
            System.out.println("isle: a new writer took over and committed log entry " + info.logSeq()
                    + " with sequence numbers up to " + info.maxSequence());
        }
    }
}
