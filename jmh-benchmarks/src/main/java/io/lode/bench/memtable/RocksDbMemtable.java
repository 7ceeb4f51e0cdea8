package io.lode.bench.memtable;

import io.lode.bench.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB peer: a fresh database in a temporary directory whose memtable is big enough never to
 * flush, written with the WAL disabled, so a put costs RocksDB's write path plus its memtable insert.
 */
final class RocksDbMemtable implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksDbMemtable(long memtableBytes) {
        try {
            directory = Files.createTempDirectory("lode-bench-rocksdb");
            options = new Options()
                    .setCreateIfMissing(true)
                    .setWriteBufferSize(memtableBytes)
                    .setMaxWriteBufferNumber(2)
                    .setDisableAutoCompactions(true);
            writeOptions = new WriteOptions().setDisableWAL(true);
            db = RocksDB.open(options, directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads into {@code value}; returns the value's length or {@link RocksDB#NOT_FOUND}. */
    int get(byte[] key, byte[] value) {
        try {
            return db.get(key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
        Directories.deleteRecursively(directory);
    }
}
