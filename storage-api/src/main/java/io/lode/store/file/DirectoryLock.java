package io.lode.store.file;

import io.lode.spi.ObjectKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises replacing writes and deletes within one directory, across threads and processes:
 * an in-JVM lock (the OS lock belongs to the process, and Java refuses a second lock on the same
 * file from one JVM) and then an OS lock on the directory's {@value #LOCK_FILE} file.
 *
 * <p>Create-only publishes take no lock: {@code link(2)} alone decides among creators, and a
 * create cannot replace an object a locked writer is looking at.
 */
final class DirectoryLock {
    static final String LOCK_FILE = ObjectKey.RESERVED_SEGMENT_PREFIX + "lock";
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    /** Work done while holding a directory's lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    private DirectoryLock() {}

    static <T> T with(Path directory, Locked<T> work) throws IOException {
        ReentrantLock inJvm = STRIPES[Math.floorMod(directory.hashCode(), STRIPES.length)];
        inJvm.lock();
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return work.run();
        } finally {
            inJvm.unlock();
        }
    }
}
