package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ForwardingObjectStore.Operation;
import io.lode.spi.LossyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A background maintenance pass that fails is never silent: the failure reaches the handle's
 * listener, and the log once per distinct failure, naming the database; a listener that throws is
 * logged and cannot fail the pass; a failed collection after a compaction leaves the compaction
 * committed and is told to the collector's listener and the log.
 */
class MaintenanceFailuresTest {
    private LodeConnection connection;
    private LossyStore store;
    private IsleDB db;

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:maintenance-failures-" + UUID.randomUUID());
        store = new LossyStore(connection.store());
        db = IsleDB.onStore(store, "db/", IsleOptions.defaults());
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private void flushTables(int tables) {
        try (IsleWriter w = db.openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO))) {
            for (int t = 0; t < tables; t++) {
                w.put(("k" + t).getBytes(StandardCharsets.UTF_8), ("v" + t).getBytes(StandardCharsets.UTF_8));
                w.flush();
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aFailingBackgroundCompactionIsToldToItsListenerAndLoggedOnce() throws InterruptedException {
        flushTables(4);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<List<String>> committed = new CopyOnWriteArrayList<>();
        CompactionListener listener = new CompactionListener() {
            @Override
            public void failed(Throwable failure) {
                failures.add(failure);
            }

            @Override
            public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
                if (failure == null) {
                    committed.add(outputSstIds);
                }
            }
        };
        try (CapturedLog log = new CapturedLog("io.lode.isle.background");
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ofMillis(5))
                     .withL0Threshold(4).withListener(listener))) {
            store.outage(true);
            compactor.start();
            waitFor(() -> failures.size() >= 10, "ten passes failed");
            store.outage(false);
            waitFor(() -> !committed.isEmpty(), "the compaction committed after the outage");
            compactor.stop();

            assertTrue(failures.stream().allMatch(f -> f instanceof LodeException e && e.retryable()), failures::toString);
            List<LogRecord> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), () -> "one warning for one failure repeated: " + log.messages());
            assertTrue(warnings.getFirst().getMessage().contains("compactor") && warnings.getFirst().getMessage().contains("db/"),
                    "the warning names the handle and the database: " + warnings.getFirst().getMessage());
            assertTrue(log.at(Level.INFO).stream().anyMatch(r -> String.valueOf(r.getParameters()[0]).contains("compactor")),
                    () -> "the recovery is logged: " + log.messages());
        }
    }

    @Test
    void aListenerThatThrowsIsLoggedAndCannotFailTheCompaction() {
        flushTables(4);
        CompactionListener throwing = new CompactionListener() {
            @Override
            public void started(CompactionJob job) {
                throw new IllegalStateException("the metrics registry is closed");
            }
        };
        try (CapturedLog log = new CapturedLog("io.lode.isle.background");
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO)
                     .withL0Threshold(4).withListener(throwing))) {
            assertTrue(compactor.runOnce(), "the compaction committed");
            List<LogRecord> warnings = log.at(Level.WARNING);
            assertEquals(1, warnings.size(), () -> log.messages().toString());
            assertTrue(warnings.getFirst().getMessage().contains("listener of the compactor")
                    && warnings.getFirst().getThrown() instanceof IllegalStateException, warnings.getFirst().getMessage());
        }
    }

    @Test
    void aCollectionThatFailsAfterACompactionLeavesItCommittedAndIsToldAndLogged() {
        flushTables(4);
        List<RuntimeException> gcFailures = new CopyOnWriteArrayList<>();
        GcListener gcListener = new GcListener() {
            @Override
            public void collected(GcReport report) {
            }

            @Override
            public void failed(RuntimeException failure) {
                gcFailures.add(failure);
            }
        };
        try (CapturedLog log = new CapturedLog("io.lode.isle.background");
             Compactor compactor = db.openCompactor(CompactorOptions.defaults().withInterval(Duration.ZERO).withL0Threshold(4)
                     .withGc(GcOptions.defaults().withListener(gcListener)))) {
            // Every request for the collector's own objects fails, for longer than its retries last.
            store.lose(Operation.GET, k -> k.contains("/gc/"), 1_000, LossyStore.Loss.REQUEST);
            store.lose(Operation.PUT, k -> k.contains("/gc/"), 1_000, LossyStore.Loss.REQUEST);
            assertTrue(compactor.runOnce(), "the compaction's commit stands");
            assertFalse(gcFailures.isEmpty(), "the collector's listener was told");
            assertTrue(log.at(Level.WARNING).stream().anyMatch(r -> r.getMessage().contains("garbage collection after a pass")),
                    () -> "the failed collection is logged: " + log.messages());
        }
        try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
            assertEquals(4, r.scan(null, null, Integer.MAX_VALUE).size());
        }
    }
}
