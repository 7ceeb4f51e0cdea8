package io.lode.store.file;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectRanges;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.function.Function;

/**
 * An object of the file store held open for range reads: each range is one positional read of the
 * open file, with none of the lookup, attribute reads, open and close that
 * {@link FileObjectStore#getRange} pays to find the current version. The file is opened at the
 * first read. A file deleted meanwhile stays readable until this is closed.
 *
 * <p>Positional reads rather than a mapping: touching a mapped table makes the kernel read ahead
 * around each page and counts the pages in the process's resident memory, which grew a reader of a
 * 3 GiB database to 3.8 GB resident (LargeDatabaseReaderTest); a read leaves them in the page cache.
 *
 * <p>A thread interrupted during a read closes a {@link FileChannel} for every thread using it; the
 * next read then opens the file again instead of failing for good.
 */
final class FileRanges implements ObjectRanges {
    /** An open version of the object and its size. */
    record Version(FileChannel channel, long size) {}

    private final String key;
    private final Function<String, Version> open;
    private volatile Version version;
    private volatile boolean closed;

    FileRanges(String key, Function<String, Version> open) {
        this.key = key;
        this.open = open;
    }

    @Override
    public MemorySegment read(long offset, long length) {
        return read(offset, length, null);
    }

    /** Reads into {@code buffer} when there is one: a positional read into native memory is one copy, not two. */
    @Override
    public MemorySegment read(long offset, long length, MemorySegment buffer) {
        for (int attempt = 0; ; attempt++) {
            Version v = current();
            try {
                return buffer == null
                        ? MemorySegment.ofArray(FileObjectStore.readRange(v.channel(), v.size(), offset, length, key))
                        : FileObjectStore.readRange(v.channel(), v.size(), offset, length, buffer, key);
            } catch (ClosedChannelException e) {
                if (closed || attempt > 0) {
                    throw new LodeException(ErrorCode.CLOSED, "the file of object '" + key + "' was closed while it was read");
                }
                reopen(v);
            } catch (IOException e) {
                throw FileObjectStore.io("read", key, e);
            }
        }
    }

    private Version current() {
        Version v = version;
        if (v != null) {
            return v;
        }
        synchronized (this) {
            if (closed) {
                throw new LodeException(ErrorCode.CLOSED, "the ranges of object '" + key + "' are closed");
            }
            if (version == null) {
                version = open.apply(key);
            }
            return version;
        }
    }

    private synchronized void reopen(Version stale) {
        if (version == stale && !closed) {
            version = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Version v = version;
        version = null;
        if (v != null) {
            try {
                v.channel().close();
            } catch (IOException e) {
                // Closing a file opened only for reading loses nothing: there is nothing to report.
            }
        }
    }
}
