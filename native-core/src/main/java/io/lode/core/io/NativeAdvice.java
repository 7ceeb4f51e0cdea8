package io.lode.core.io;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Downcalls to the C library's {@code madvise}, {@code posix_fadvise}, {@code open}, {@code close},
 * {@code getpagesize}, {@code mmap} and {@code munmap}. Each handle is looked up once; a missing symbol
 * (or native access denied to this module) leaves it null and the corresponding advice becomes a
 * no-op that reports {@code false}, because advice is only ever an optimisation.
 */
final class NativeAdvice {
    /** The C library of this process. */
    static final NativeAdvice SYSTEM = new NativeAdvice(Linker.nativeLinker().defaultLookup());

    private static final int O_RDONLY = 0;
    private static final long DEFAULT_PAGE_SIZE = 4096;

    private final MethodHandle madvise;
    private final MethodHandle posixFadvise;
    private final MethodHandle open;
    private final MethodHandle close;
    private final long pageSize;
    private final MethodHandle mmap;
    private final MethodHandle munmap;

    NativeAdvice(SymbolLookup lookup) {
        madvise = downcall(lookup, "madvise", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        posixFadvise = downcall(lookup, "posix_fadvise", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT));
        // open(2) is variadic; the optional mode argument is only read with O_CREAT, so none is passed.
        open = downcall(lookup, "open", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Linker.Option.firstVariadicArg(2));
        close = downcall(lookup, "close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        mmap = downcall(lookup, "mmap", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG));
        munmap = downcall(lookup, "munmap", FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        pageSize = queryPageSize(downcall(lookup, "getpagesize", FunctionDescriptor.of(ValueLayout.JAVA_INT)));
    }

    private static MethodHandle downcall(
            SymbolLookup lookup, String name, FunctionDescriptor descriptor, Linker.Option... options) {
        try {
            return lookup.find(name)
                    .map(symbol -> Linker.nativeLinker().downcallHandle(symbol, descriptor, options))
                    .orElse(null);
        } catch (IllegalCallerException | UnsupportedOperationException e) {
            // Native access denied to this module, or a platform the linker does not support.
            return null;
        }
    }

    private static long queryPageSize(MethodHandle getpagesize) {
        if (getpagesize == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int size = (int) getpagesize.invokeExact();
            return size > 0 && Integer.bitCount(size) == 1 ? size : DEFAULT_PAGE_SIZE;
        } catch (Throwable t) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    boolean canAdviseMemory() {
        return madvise != null;
    }

    boolean canMapMemory() {
        return mmap != null && munmap != null && madvise != null;
    }

    /**
     * {@code mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)} with the
     * Linux x86-64/aarch64 flag values: zeroed pages, faulted in on first touch. Returns the address,
     * or 0 if the call failed or is unavailable.
     */
    long mapAnonymous(long length) {
        if (mmap == null) {
            return 0;
        }
        try {
            long address = ((MemorySegment) mmap.invokeExact(MemorySegment.NULL, length, 0x3, 0x22, -1, 0L)).address();
            return address == -1 ? 0 : address; // MAP_FAILED
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed unexpectedly", t);
        }
    }

    /** {@code munmap(address, length)}; true on success. */
    boolean unmap(long address, long length) {
        try {
            return (int) munmap.invokeExact(MemorySegment.ofAddress(address), length) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed unexpectedly", t);
        }
    }

    /** {@code madvise(address, length, advice)} with a raw Linux advice code; true on success. */
    boolean adviseRaw(long address, long length, int advice) {
        return madvise(MemorySegment.ofAddress(address), length, advice);
    }

    boolean canAdviseFiles() {
        return posixFadvise != null && open != null && close != null;
    }

    long pageSize() {
        return pageSize;
    }

    /**
     * Advises on the pages of {@code pages}, which must start on a page boundary. The segment itself is
     * passed to the call, so the linker keeps its arena alive for the duration: a concurrent close
     * fails instead of letting the advice land on memory that was unmapped and reused.
     */
    boolean adviseMemory(MemorySegment pages, AccessAdvice advice) {
        if (madvise == null || pages.byteSize() == 0) {
            return false;
        }
        if ((pages.address() & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException("address " + pages.address() + " is not page aligned");
        }
        return madvise(pages, pages.byteSize(), advice.code());
    }

    private boolean madvise(MemorySegment start, long length, int advice) {
        try {
            return (int) madvise.invokeExact(start, length, advice) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed unexpectedly", t);
        }
    }

    /**
     * Advises the kernel about {@code file[offset, offset + length)} (length 0: to the end of the file)
     * through a descriptor opened for the purpose. Returns false when the advice is unavailable or the
     * file cannot be opened.
     */
    boolean adviseFile(Path file, long offset, long length, AccessAdvice advice) {
        if (!canAdviseFiles()) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom(file.toString()), O_RDONLY);
            if (fd < 0) {
                return false;
            }
            try {
                return (int) posixFadvise.invokeExact(fd, offset, length, advice.code()) == 0;
            } finally {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("posix_fadvise failed unexpectedly", t);
        }
    }
}
