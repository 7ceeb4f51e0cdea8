package io.lode.isle;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.LossyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A writer whose store goes away for a while: it keeps every write, says what is durable through
 * sequence numbers, commits all of it once the store answers again, and ends only when fenced or
 * closed. Background failures are logged once, not per pass, and the recovery is logged too.
 */
class WriterThroughOutagesTest {
    private static final IsleOptions ISLE = IsleOptions.defaults();

    private LodeConnection connection;
    private LossyStore store;
    private IsleDB db;

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:outage-" + UUID.randomUUID());
        store = new LossyStore(connection.store());
        db = IsleDB.onStore(store, "db/", ISLE);
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void assertDurable(int count) {
        try (IsleReader r = IsleDB.onStore(connection.store(), "db/", ISLE).openReader(ReaderOptions.defaults())) {
            assertEquals(count, r.scan(null, null, Integer.MAX_VALUE).size());
            for (int i = 0; i < count; i++) {
                assertArrayEquals(b("v" + i), r.get(b("k" + i)), "k" + i);
            }
        }
    }

    @Test
    void putsReturnIncreasingSequenceNumbersThatBecomeCommittedWithAFlush() {
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
            long first = w.put(b("k0"), b("v0"));
            long second = w.put(b("k1"), b("v1"));
            long third = w.delete(b("gone"));
            assertTrue(first < second && second < third);
            assertTrue(w.committedSequence() < first, "nothing is durable before a flush");
            CommitInfo info = w.flush();
            assertEquals(third, info.maxSequence());
            assertEquals(third, w.committedSequence());
            assertTrue(w.awaitCommitted(third, Duration.ZERO), "already durable: no wait");
            assertFails(ErrorCode.INVALID_ARGUMENT, () -> w.awaitCommitted(third + 1, Duration.ofSeconds(1)));
        }
    }

    @Test
    void aFlushThatFailsKeepsEveryWriteAndTheNextFlushCommitsThem() {
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
            w.put(b("k0"), b("v0"));
            store.outage(true);
            for (int attempt = 0; attempt < 3; attempt++) {
                LodeException e = assertThrows(LodeException.class, w::flush);
                assertTrue(e.retryable(), e::toString);
            }
            long last = w.put(b("k1"), b("v1")); // the writer still takes writes
            assertFalse(w.awaitCommitted(last, Duration.ofMillis(200)), "not durable while the store is down");
            store.outage(false);
            assertTrue(w.awaitCommitted(last, Duration.ofSeconds(10)), "without a background flusher, the wait flushes");
            assertEquals(last, w.committedSequence());
        }
        assertDurable(2);
    }

    @Test
    void theBackgroundFlusherCommitsWhatWasWrittenDuringAnOutageAndLogsTheFailureOnce() throws Exception {
        CapturedLog log = new CapturedLog("io.lode.isle.background");
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ofMillis(5)))) {
            store.outage(true);
            long last = 0;
            for (int i = 0; i < 3; i++) {
                last = w.put(b("k" + i), b("v" + i));
            }
            long failuresBefore = store.lost();
            while (store.lost() < failuresBefore + 20) {
                Thread.sleep(5); // many background passes fail
            }
            store.outage(false);
            assertTrue(w.awaitCommitted(last, Duration.ofSeconds(30)));
        } finally {
            log.close();
        }
        assertDurable(3);
        List<LogRecord> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), () -> "one warning for one failure repeated: " + log.messages());
        assertTrue(warnings.get(0).getMessage().contains("background flush"), warnings.get(0).getMessage());
        assertTrue(warnings.get(0).getThrown() instanceof LodeException, "the failure itself is logged");
        assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.INFO && String.valueOf(r.getParameters()[0]).contains("flush")),
                "the recovery is logged");
    }

    @Test
    void closeDuringAnOutageNamesTheWritesItCouldNotCommit() {
        IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
        w.put(b("k0"), b("v0"));
        long committed = w.flush().maxSequence();
        long first = w.put(b("k1"), b("v1"));
        long last = w.put(b("k2"), b("v2"));
        store.outage(true);
        UncommittedWritesException e = assertThrows(UncommittedWritesException.class, w::close);
        assertEquals(committed + 1, e.firstSequence());
        assertEquals(first, e.firstSequence());
        assertEquals(last, e.lastSequence());
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains(first + " to " + last), e.getMessage());
        assertFails(ErrorCode.CLOSED, () -> w.put(b("k3"), b("v3")));
        store.outage(false);
        assertDurable(1);
    }

    @Test
    void aFencedWriterEndsAndItsWaitersAreTold() {
        IsleWriter old = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO));
        long seq = old.put(b("k0"), b("v0"));
        try (IsleWriter newer = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
            assertFails(ErrorCode.FENCED, () -> old.awaitCommitted(seq, Duration.ofSeconds(5)));
            assertFails(ErrorCode.FENCED, old::flush);
            UncommittedWritesException e = assertThrows(UncommittedWritesException.class, old::close);
            assertEquals(ErrorCode.FENCED, e.code());
            assertEquals(seq, e.lastSequence());
            newer.put(b("k0"), b("v0"));
        }
        assertDurable(1);
    }

    @Test
    void aWriteStallsThroughAnOutageAndFailsWithBackpressureOnlyAfterItsStallTimeout() throws Exception {
        WriterOptions tiny = WriterOptions.defaults().withFlushInterval(Duration.ofMillis(5)).withMemtableBytes(64 << 10)
                .withMaxImmutableMemtables(1).withMaxKeyBytes(1024).withBlobThreshold(16 << 10).withStallTimeout(Duration.ofMillis(300));
        int written = 0;
        try (IsleWriter w = db.openWriter(tiny)) {
            store.outage(true);
            LodeException e = null;
            while (e == null) {
                try {
                    w.put(b("k" + written), b("v" + written));
                    written++;
                } catch (LodeException failure) {
                    e = failure;
                }
            }
            assertEquals(ErrorCode.BACKPRESSURE, e.code(), e::toString);
            assertTrue(e.retryable());
            assertTrue(w.stalledTime().compareTo(Duration.ofMillis(300)) >= 0, "it waited its stall timeout first: " + w.stalledTime());
            store.outage(false);
            long last = w.put(b("k" + written), b("v" + written)); // waits for the flush that frees a memtable
            written++;
            assertTrue(w.awaitCommitted(last, Duration.ofSeconds(30)));
        }
        assertDurable(written);
    }
}
