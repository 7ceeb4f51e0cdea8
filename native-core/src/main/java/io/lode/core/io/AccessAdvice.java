package io.lode.core.io;

/**
 * How a file or mapping is about to be read, passed to the kernel as {@code madvise(2)} or
 * {@code posix_fadvise(2)} advice. The codes are those both calls use on Linux (and {@code madvise} on
 * macOS). Advice is a hint: ignoring it never changes what is read.
 */
public enum AccessAdvice {
    /** No special treatment; undoes earlier advice. */
    NORMAL(0),
    /** Random reads (point lookups in an SST): disable read-ahead. */
    RANDOM(1),
    /** Sequential reads (scans, compaction input): read ahead aggressively. */
    SEQUENTIAL(2),
    /** The range will be needed soon: start reading it in now. */
    WILL_NEED(3),
    /**
     * The range is not needed any more: its clean page-cache pages may be dropped (they are read back
     * from the file if touched again). Used after writing or evicting a cache file.
     */
    DONT_NEED(4);

    private final int code;

    AccessAdvice(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
