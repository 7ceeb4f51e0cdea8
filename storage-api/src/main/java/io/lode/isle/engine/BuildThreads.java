package io.lode.isle.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide threads that help build SSTs, one thread fewer than the cores in each pool (so that
 * helping never takes every core from the threads that accept writes), none on a single core, where
 * the builder's own thread is as fast. Idle threads end after a few seconds.
 * <ul>
 *   <li>{@link #sealers()} compress and checksum blocks while flushes and compactions build the next
 *       ones (see {@code SstWriter}'s sealing executor);
 *   <li>{@link #partBuilders()} build the second half of a flush's table while the flushing thread
 *       builds the first (see {@code SstPart}). A separate pool: a part builder waits for its
 *       blocks' sealing, and must never hold the sealers' only thread while it does.
 * </ul>
 */
final class BuildThreads {
    private static final int HELPERS = Math.min(4, Runtime.getRuntime().availableProcessors() - 1);
    private static final ExecutorService SEALERS = create("lode-sst-sealer-");
    private static final ExecutorService PART_BUILDERS = create("lode-sst-part-");

    private BuildThreads() {}

    /** The sealing threads, or null when blocks are best sealed by the thread that builds them. */
    static ExecutorService sealers() {
        return SEALERS;
    }

    /** The part-building threads, or null when a table is best built by one thread. */
    static ExecutorService partBuilders() {
        return PART_BUILDERS;
    }

    private static ExecutorService create(String namePrefix) {
        if (HELPERS < 1) {
            return null;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HELPERS, HELPERS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, namePrefix + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
