package io.lode.core.io;

import java.nio.file.Path;

/**
 * Advice to the operating system's page cache about whole files, through {@code posix_fadvise(2)}:
 * for example, drop the pages of an SST cache file that was just written or evicted, or read one in
 * ahead of a scan. Where the call does not exist (macOS, or native access denied) every method is a
 * no-op that returns {@code false}.
 */
public final class PageCache {
    private PageCache() {}

    /** Whether {@code posix_fadvise} is available, that is whether advice can take effect. */
    public static boolean isAdviceAvailable() {
        return NativeAdvice.SYSTEM.canAdviseFiles();
    }

    /**
     * Advises on {@code file[offset, offset + length)}; a length of 0 means up to the end of the file.
     *
     * @return true if the kernel accepted the advice; false if advice is unavailable or the file
     *     cannot be opened for reading
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    public static boolean advise(Path file, long offset, long length, AccessAdvice advice) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " or length " + length);
        }
        return NativeAdvice.SYSTEM.adviseFile(file, offset, length, advice);
    }
}
