package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.ObjectStoreManifestStorage;
import io.lode.spi.InstrumentedStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One database ({@code db/}) on a fresh in-memory store whose requests are counted, for the tests of
 * one component: a test class registers one per test as an extension field, which closes it after
 * each test.
 */
final class CountedDatabase implements AfterEachCallback, AutoCloseable {
    /** A writer that flushes only when told. */
    static final WriterOptions WRITER = WriterOptions.defaults().withFlushInterval(Duration.ZERO);
    /**
     * A compactor that merges level 0 at 4 tables, only when told, and collects no garbage (the
     * tests count what compaction alone costs; GarbageCollectorTest covers the collection).
     */
    static final CompactorOptions COMPACTOR = CompactorOptions.defaults().withL0Threshold(4)
            .withInterval(Duration.ZERO).withBlockBytes(1 << 10).withGc(GcOptions.off());

    private final LodeConnection connection = Lode.connect("lode:mem:counted-" + UUID.randomUUID());
    private final InstrumentedStore store = new InstrumentedStore(connection.store());
    private final IsleDB db;

    CountedDatabase() {
        this(InstantSource.system());
    }

    /** @param clock the database's ({@link IsleOptions#clock()}) */
    CountedDatabase(InstantSource clock) {
        db = IsleDB.onStore(store, "db/", options(clock));
    }

    /** Snapshots and CURRENT moves are rare, so request counts show only what a component does. */
    static IsleOptions options(InstantSource clock) {
        return IsleOptions.defaults().withCurrentEvery(1_000).withSnapshotEvery(1_000).withClock(clock);
    }

    InstrumentedStore store() {
        return store;
    }

    IsleDB db() {
        return db;
    }

    /** The database's state, read afresh. */
    ManifestState state() {
        try (ManifestLog log = ManifestLog.open(new ObjectStoreManifestStorage(store, "db/"))) {
            return log.state();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        connection.close();
    }
}
