package io.lode.bench.ycsb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import site.ycsb.ByteIterator;
import site.ycsb.DB;
import site.ycsb.DBException;
import site.ycsb.Status;

/**
 * The YCSB binding of RocksDB JNI, the peer of {@link IsleYcsbClient} with the same record
 * encoding: one database in {@code rocksdb.dir} shared by all client threads, LZ4 blocks, a 10-bit
 * Bloom filter and a 512 MiB block cache, the write-ahead log on (not synced), as an embedding
 * service would configure it.
 */
public final class RocksDbYcsbClient extends DB {
    static {
        RocksDB.loadLibrary();
    }

    private static Options options;
    private static RocksDB rocks;
    private static int users;

    private RocksDB db;

    @Override
    public void init() throws DBException {
        synchronized (RocksDbYcsbClient.class) {
            if (rocks == null) {
                try {
                    Path dir = Path.of(getProperties().getProperty("rocksdb.dir", "/tmp/ycsb-rocksdb"));
                    Files.createDirectories(dir);
                    options = new Options().setCreateIfMissing(true).setCompressionType(CompressionType.LZ4_COMPRESSION)
                            .setIncreaseParallelism(2)
                            .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false))
                                    .setBlockCache(new LRUCache(512L << 20)));
                    rocks = RocksDB.open(options, dir.toString());
                } catch (Exception e) {
                    throw new DBException("cannot open RocksDB: " + e, e);
                }
            }
            users++;
            db = rocks;
        }
    }

    @Override
    public void cleanup() {
        synchronized (RocksDbYcsbClient.class) {
            if (--users == 0) {
                rocks.close();
                options.close();
                rocks = null;
            }
        }
    }

    @Override
    public Status read(String table, String key, Set<String> fields, Map<String, ByteIterator> result) {
        try {
            byte[] record = db.get(YcsbRecord.key(key));
            if (record == null) {
                return Status.NOT_FOUND;
            }
            YcsbRecord.decode(record, fields, result);
            return Status.OK;
        } catch (RocksDBException e) {
            return Status.ERROR;
        }
    }

    @Override
    public Status scan(String table, String startKey, int count, Set<String> fields, Vector<HashMap<String, ByteIterator>> result) {
        try (RocksIterator it = db.newIterator()) {
            it.seek(YcsbRecord.key(startKey));
            for (int n = 0; n < count && it.isValid(); n++, it.next()) {
                HashMap<String, ByteIterator> row = new HashMap<>();
                YcsbRecord.decode(it.value(), fields, row);
                result.add(row);
            }
        }
        return Status.OK;
    }

    @Override
    public Status update(String table, String key, Map<String, ByteIterator> values) {
        try {
            byte[] k = YcsbRecord.key(key);
            db.put(k, YcsbRecord.merge(db.get(k), values));
            return Status.OK;
        } catch (RocksDBException e) {
            return Status.ERROR;
        }
    }

    @Override
    public Status insert(String table, String key, Map<String, ByteIterator> values) {
        try {
            db.put(YcsbRecord.key(key), YcsbRecord.encode(values));
            return Status.OK;
        } catch (RocksDBException e) {
            return Status.ERROR;
        }
    }

    @Override
    public Status delete(String table, String key) {
        try {
            db.delete(YcsbRecord.key(key));
            return Status.OK;
        } catch (RocksDBException e) {
            return Status.ERROR;
        }
    }
}
