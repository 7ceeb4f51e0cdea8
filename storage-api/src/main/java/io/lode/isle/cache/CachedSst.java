package io.lode.isle.cache;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.io.AccessAdvice;
import io.lode.internal.Require;
import io.lode.sst.SstReader;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reference to one verified, mapped SST of an {@link SstCache}. While the handle is open the file
 * stays mapped: eviction skips it. Close it when done; closing twice is harmless. Thread-safe.
 */
public final class CachedSst implements AutoCloseable {
    private final SstCache cache;
    private final CachedFile file;
    private final AtomicBoolean closed = new AtomicBoolean();

    CachedSst(SstCache cache, CachedFile file) {
        this.cache = cache;
        this.file = file;
    }

    /** The SST's id. */
    public String id() {
        return file.id;
    }

    /**
     * The whole table, mapped read-only; valid until this handle or the cache is closed.
     *
     * @throws LodeException {@code CLOSED} if either is closed
     */
    public MemorySegment segment() {
        ensureOpen();
        return file.mapping.segment();
    }

    /** A reader over {@link #segment()}, shared by every handle of this file. */
    public SstReader reader() {
        ensureOpen();
        return file.reader;
    }

    /**
     * Advises the kernel how the mapping will be read, for example {@link AccessAdvice#RANDOM} for
     * point lookups or {@link AccessAdvice#SEQUENTIAL} before a full scan; the advice applies to every
     * handle of the file.
     *
     * @return whether the kernel accepted the advice (false where {@code madvise} is unavailable)
     */
    public boolean advise(AccessAdvice advice) {
        Require.nonNull(advice, "advice");
        ensureOpen();
        return file.mapping.advise(advice);
    }

    /** Releases the reference; the cache may then evict the file. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cache.release(file);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new LodeException(ErrorCode.CLOSED, "the handle of cached SST " + file.id + " is closed");
        }
        if (!file.mapping.isOpen()) {
            throw new LodeException(ErrorCode.CLOSED, "the cache of SST " + file.id + " is closed");
        }
    }
}
