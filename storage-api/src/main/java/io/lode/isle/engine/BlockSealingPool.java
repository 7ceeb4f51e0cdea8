package io.lode.isle.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that compress and checksum SST blocks while flushes and compactions build the next
 * ones (see {@code SstWriter}'s sealing executor). One pool for the JVM: one thread fewer than the
 * cores, so sealing never takes every core from the threads that accept writes; none on a single
 * core, where sealing on the builder's thread is as fast. Idle threads end after a few seconds.
 */
final class BlockSealingPool {
    private static final Executor SHARED = create(Runtime.getRuntime().availableProcessors());

    private BlockSealingPool() {}

    /** The shared pool, or null when blocks are best sealed by the thread that builds them. */
    static Executor shared() {
        return SHARED;
    }

    private static Executor create(int cores) {
        int threads = Math.min(4, cores - 1);
        if (threads < 1) {
            return null;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "lode-sst-sealer-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
