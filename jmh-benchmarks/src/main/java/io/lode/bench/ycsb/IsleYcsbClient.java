package io.lode.bench.ycsb;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.Cursor;
import io.lode.isle.IsleDB;
import io.lode.isle.IsleReader;
import io.lode.isle.IsleWriter;
import io.lode.isle.ReaderOptions;
import io.lode.isle.WriterOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.Vector;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * The YCSB binding of Isle, as a service would embed it: one writer (default options), a background
 * compactor, and one reader refreshed every {@code lode.refreshMillis} (default 100 ms), shared by
 * all client threads of the process, over {@code lode.url} (default a {@code lode:file} URL of
 * {@code lode.dir}). The reader reads by range through a block cache of {@code lode.blockCacheBytes}
 * (default 512 MiB, the budget the RocksDB binding's block cache has), or holds whole tables in the
 * heap with {@code lode.tables=memory}. {@code lode.compactionBytesPerSecond} sets the compactor's
 * pace (default {@link CompactorOptions#maxBytesPerSecond()}'s; 0: unpaced). A read sees what the last refresh saw: puts become visible after the
 * writer's next flush (every second) and the reader's next refresh, as for any reader process.
 *
 * <pre>{@code
 * java -cp benchmarks.jar site.ycsb.Client -load -db io.lode.bench.ycsb.IsleYcsbClient -P workloada -p lode.dir=/tmp/ycsb-isle
 * }</pre>
 */
public final class IsleYcsbClient extends DB {
    private static final System.Logger LOG = System.getLogger(IsleYcsbClient.class.getName());

    /** The engine shared by the client threads; YCSB makes one {@code DB} per thread. */
    private static final class Engine {
        final LodeConnection connection;
        final IsleWriter writer;
        final Compactor compactor;
        final IsleReader reader;
        final Thread refresher;
        volatile boolean stopping;
        int users;

        Engine(Properties p) throws Exception {
            String url = p.getProperty("lode.url");
            if (url == null) {
                Path dir = Path.of(p.getProperty("lode.dir", "/tmp/ycsb-isle"));
                Files.createDirectories(dir);
                url = "lode:" + dir.toUri();
            }
            connection = Lode.connect(url);
            IsleDB db = connection.isle(p.getProperty("lode.database", "usertable"));
            writer = db.openWriter(WriterOptions.defaults());
            CompactorOptions compaction = CompactorOptions.defaults();
            String pace = p.getProperty("lode.compactionBytesPerSecond");
            compactor = db.openCompactor(pace == null ? compaction : compaction.withMaxBytesPerSecond(Long.parseLong(pace)));
            compactor.start();
            long cacheBytes = Long.parseLong(p.getProperty("lode.blockCacheBytes", Long.toString(512L << 20)));
            reader = db.openReader(switch (p.getProperty("lode.tables", "ranges")) {
                case "ranges" -> ReaderOptions.defaults().withRangeReads(cacheBytes);
                case "memory" -> ReaderOptions.defaults().withTablesInMemory();
                default -> throw new IllegalArgumentException("lode.tables is 'ranges' or 'memory'");
            });
            long every = Long.parseLong(p.getProperty("lode.refreshMillis", "100"));
            refresher = Thread.ofPlatform().daemon().name("ycsb-isle-refresh").start(() -> {
                while (!stopping) {
                    try {
                        reader.refresh();
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    } catch (LodeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a refresh failed; the next one tries again", e);
                    }
                }
            });
        }

        void close() throws InterruptedException {
            stopping = true;
            refresher.interrupt();
            refresher.join();
            writer.close();
            compactor.close();
            reader.close();
            connection.close();
        }
    }

    private static Engine engine;

    private Engine e;

    @Override
    public void init() throws DBException {
        synchronized (IsleYcsbClient.class) {
            try {
                if (engine == null) {
                    engine = new Engine(getProperties());
                }
            } catch (Exception ex) {
                throw new DBException("cannot open Isle: " + ex, ex);
            }
            engine.users++;
            e = engine;
        }
    }

    @Override
    public void cleanup() throws DBException {
        synchronized (IsleYcsbClient.class) {
            if (--engine.users == 0) {
                try {
                    engine.close();
                } catch (Exception ex) {
                    throw new DBException("cannot close Isle: " + ex, ex);
                } finally {
                    engine = null;
                }
            }
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        byte[] record = e.reader.get(YcsbRecord.key(key));
        if (record == null) {
            return Status.NOT_FOUND;
        }
        YcsbRecord.decode(record, fields, result);
        return Status.OK;
    }

    @Override
    public Status scan(String table, String startKey, int count, Set<String> fields, Vector<HashMap<String, ByteIterator>> result) {
        try (Cursor c = e.reader.scan(YcsbRecord.key(startKey), null)) {
            for (int n = 0; n < count && c.next(); n++) {
                HashMap<String, ByteIterator> row = new HashMap<>();
                YcsbRecord.decode(c.value(), fields, row);
                result.add(row);
            }
        }
        return Status.OK;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        byte[] k = YcsbRecord.key(key);
        e.writer.put(k, YcsbRecord.merge(e.reader.get(k), values));
        return Status.OK;
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        e.writer.put(YcsbRecord.key(key), YcsbRecord.encode(values));
        return Status.OK;
    }

    @Override
    public Status delete(String table, String key) {
        e.writer.delete(key.getBytes(StandardCharsets.UTF_8));
        return Status.OK;
    }
}
