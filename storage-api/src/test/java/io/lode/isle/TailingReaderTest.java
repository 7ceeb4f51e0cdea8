package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TailingReaderTest {
    private static final WriterOptions OPTIONS = WriterOptions.defaults().withFlushInterval(Duration.ZERO);

    private static String hex(byte[] k) {
        return HexFormat.of().formatHex(k);
    }

    @Test
    void variableLengthKeysAreDeliveredOnceEachInOrderAcrossPasses() {
        try (LodeConnection c = Lode.connect("lode:mem:tail-" + UUID.randomUUID())) {
            IsleDB db = c.isle("events");
            List<String> seen = new ArrayList<>();
            try (IsleWriter w = db.openWriter(OPTIONS); TailingReader t = db.openTailingReader(TailingOptions.defaults())) {
                w.put(new byte[] {'a'}, new byte[] {1});
                w.flush();
                CatchUpResult first = t.catchUp(CatchUpOptions.all(), (k, v) -> seen.add(hex(k)));
                w.put(new byte[] {'a', 0}, new byte[] {2});
                w.put(new byte[] {'a', 'b'}, new byte[] {3});
                w.put(new byte[] {'a'}, new byte[] {9}); // at or below the last delivered: not delivered again
                w.flush();
                CatchUpResult second = t.catchUp(CatchUpOptions.all().withStartAfterKey(first.lastKey()), (k, v) -> seen.add(hex(k)));
                assertEquals(List.of("61", "6100", "6162"), seen);
                assertEquals(2, second.count());
                assertArrayEquals(new byte[] {'a', 'b'}, second.lastKey());
                CatchUpResult limited = t.catchUp(CatchUpOptions.all().withLimit(1), (k, v) -> { });
                assertTrue(limited.truncated());
            }
        }
    }

    @Test
    void committedLsnsAreLearnedFromTheManifestAlone() {
        try (LodeConnection c = Lode.connect("lode:mem:lsn-" + UUID.randomUUID())) {
            IsleDB db = c.isle("log");
            WriterOptions options = OPTIONS.withCommittedLsnExtractor(CommittedLsnExtractor.bigEndianLong());
            try (IsleWriter w = db.openWriter(options); TailingReader t = db.openTailingReader(TailingOptions.defaults())) {
                for (long lsn = 10; lsn <= 100; lsn++) {
                    w.put(ByteBuffer.allocate(8).putLong(lsn).array(), new byte[] {1});
                }
                w.put("not an lsn".getBytes(), new byte[] {2});
                w.flush();
                t.refresh();
                assertEquals(java.util.OptionalLong.of(100), t.maxCommittedLsn());
                assertEquals(java.util.OptionalLong.of(10), t.lowWatermarkLsn());
                for (long lsn = 101; lsn <= 150; lsn++) {
                    w.put(ByteBuffer.allocate(8).putLong(lsn).array(), new byte[] {1});
                }
                w.flush();
                t.refresh();
                assertEquals(java.util.OptionalLong.of(150), t.maxCommittedLsn());
                assertEquals(java.util.OptionalLong.of(10), t.lowWatermarkLsn(), "only retention raises the floor");
            }
        }
    }

    @Test
    void tailDeliversNewKeysAsTheyAreCommittedUntilStopped() throws Exception {
        try (LodeConnection c = Lode.connect("lode:mem:tail-" + UUID.randomUUID())) {
            IsleDB db = c.isle("events");
            List<Long> delivered = new CopyOnWriteArrayList<>();
            try (IsleWriter w = db.openWriter(OPTIONS); TailingReader t = db.openTailingReader(TailingOptions.defaults())) {
                Thread tailer = Thread.ofPlatform().start(() -> t.tail(TailOptions.every(Duration.ofMillis(5)),
                        (k, v) -> delivered.add(ByteBuffer.wrap(k).getLong())));
                for (long lsn = 1; lsn <= 300; lsn++) {
                    w.put(ByteBuffer.allocate(8).putLong(lsn).array(), new byte[] {(byte) lsn});
                    if (lsn % 30 == 0) {
                        w.flush();
                    }
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (delivered.size() < 300 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                t.stop();
                tailer.join();
            }
            List<Long> expected = new ArrayList<>();
            for (long lsn = 1; lsn <= 300; lsn++) {
                expected.add(lsn);
            }
            assertEquals(expected, delivered);
        }
    }
}
