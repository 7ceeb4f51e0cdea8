package io.lode.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A whole file mapped read-only into memory with {@code FileChannel.map(..., arena)}, in its own
 * shared arena so that any thread may read it and {@link #close()} unmaps it at once.
 *
 * <p>Meant for long-lived mappings such as cached SST files: closing a shared arena makes every
 * thread pass a safepoint handshake, so map once per file and close when the file is dropped, never
 * per read. Closing fails with {@link IllegalStateException} while another thread is reading the
 * segment; the owner must stop readers first.
 */
public final class MappedFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;

    private MappedFile(Path path, Arena arena, MemorySegment segment) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
    }

    /** Maps all of {@code file} read-only. The file channel is closed again before this returns. */
    public static MappedFile openReadOnly(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new MappedFile(file, arena, segment);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The mapped bytes (read-only); inaccessible after {@link #close()}. */
    public MemorySegment segment() {
        return segment;
    }

    /** The file's size when it was mapped. */
    public long byteSize() {
        return segment.byteSize();
    }

    /** The mapped file's path. */
    public Path path() {
        return path;
    }

    /** Whether the mapping is still in place. */
    public boolean isOpen() {
        return segment.scope().isAlive();
    }

    /** Advises the kernel on the whole mapping; see {@link #advise(long, long, AccessAdvice)}. */
    public boolean advise(AccessAdvice advice) {
        return advise(0, segment.byteSize(), advice);
    }

    /**
     * Advises the kernel, through {@code madvise(2)}, on how {@code [offset, offset + length)} of the
     * mapping will be read, for example {@link AccessAdvice#RANDOM} for point lookups.
     *
     * @return true if the kernel accepted the advice; false if {@code madvise} is unavailable here
     * @throws IndexOutOfBoundsException if the range is outside the mapping
     * @throws IllegalStateException if the file has been closed
     */
    public boolean advise(long offset, long length, AccessAdvice advice) {
        Objects.checkFromIndexSize(offset, length, segment.byteSize());
        if (!isOpen()) {
            throw new IllegalStateException("mapping of " + path + " is closed");
        }
        if (length == 0) {
            return false;
        }
        // madvise wants a page-aligned start. The mapping starts on a page boundary, so rounding the
        // offset down to a page stays inside it.
        long start = offset & -NativeAdvice.SYSTEM.pageSize();
        return NativeAdvice.SYSTEM.adviseMemory(segment.asSlice(start, offset + length - start), advice);
    }

    /** Unmaps the file. Idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
