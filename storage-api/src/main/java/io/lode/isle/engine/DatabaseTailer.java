package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import io.lode.isle.CatchUpOptions;
import io.lode.isle.CatchUpResult;
import io.lode.isle.Cursor;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.isle.TailOptions;
import io.lode.isle.TailingOptions;
import io.lode.isle.TailingReader;
import io.lode.isle.background.BackgroundLoop;
import io.lode.spi.ObjectStore;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** A {@link TailingReader} over a {@link DatabaseReader}: passes are scans from the successor of the last key. */
public final class DatabaseTailer implements TailingReader {
    private final DatabaseReader reader;
    private final TailingOptions options;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private BackgroundLoop refresher;

    /** The database, for thread names and log lines. */
    private final String prefix;

    private DatabaseTailer(DatabaseReader reader, String prefix, TailingOptions options) {
        this.reader = reader;
        this.prefix = prefix;
        this.options = options;
    }

    public static DatabaseTailer open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle, TailingOptions options) {
        return new DatabaseTailer(DatabaseReader.open(store, prefix, manifests, isle, options.reader()), prefix, options);
    }

    /** The smallest key after {@code key}: it with a 0x00 byte appended. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    @Override
    public synchronized void start() {
        if (stopped.getCount() == 0) {
            throw new LodeException(ErrorCode.CLOSED, "this tailing reader was stopped; open a new one");
        }
        if (refresher == null) {
            // a failed refresh leaves the previous view; the next one tries again
            refresher = BackgroundLoop.start("isle-tail-refresh-" + prefix, "the tailing reader's refresh",
                    options.refreshInterval(), reader::refresh);
        }
    }

    @Override
    public synchronized void stop() {
        stopped.countDown();
        if (refresher != null) {
            refresher.stop(java.time.Duration.ZERO);
        }
    }

    @Override
    public boolean refresh() {
        return reader.refresh();
    }

    @Override
    public CatchUpResult catchUp(CatchUpOptions options, BiConsumer<byte[], byte[]> handler) {
        Require.nonNull(options, "options");
        Require.nonNull(handler, "handler");
        reader.refresh();
        byte[] lower = options.minKey();
        if (options.startAfterKey() != null) {
            byte[] after = successor(options.startAfterKey());
            lower = lower == null || Arrays.compareUnsigned(after, lower) > 0 ? after : lower;
        }
        return pass(lower, options.maxKey(), options.limit(), handler);
    }

    private CatchUpResult pass(byte[] lower, byte[] upper, long limit, BiConsumer<byte[], byte[]> handler) {
        byte[] last = null;
        long count = 0;
        try (Cursor c = reader.scan(lower, upper)) {
            while (count < limit && c.next()) {
                byte[] k = c.key();
                handler.accept(k, c.value());
                last = k;
                count++;
            }
        }
        return new CatchUpResult(last, count, count >= limit);
    }

    @Override
    public void tail(TailOptions options, BiConsumer<byte[], byte[]> handler) {
        Require.nonNull(options, "options");
        Require.nonNull(handler, "handler");
        byte[] lower = options.startAfterKey() != null ? successor(options.startAfterKey()) : options.minKey();
        long pollMillis = options.pollInterval().toMillis();
        while (stopped.getCount() > 0) {
            if (refresher == null) {
                try {
                    reader.refresh();
                } catch (LodeException e) {
                    // keep tailing the view we have; the next poll refreshes again
                }
            }
            CatchUpResult r = pass(lower, options.maxKey(), Long.MAX_VALUE, handler);
            if (r.lastKey() != null) {
                lower = successor(r.lastKey());
            }
            try {
                if (stopped.await(pollMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public OptionalLong maxCommittedLsn() {
        return reader.maxCommittedLsn();
    }

    @Override
    public OptionalLong lowWatermarkLsn() {
        return reader.lowWatermarkLsn();
    }

    @Override
    public void close() {
        stop();
        reader.close();
    }
}
