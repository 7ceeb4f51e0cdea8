/**
 * Lode's native core: off-heap memory primitives, the memtable, mapped files and FFM downcalls,
 * and the CRT S3 transfer client. An internal module: its packages are exported only to the
 * other Lode modules, whose public API is {@code io.lode}.
 */
module io.lode.core {
    requires aws.crt;
    requires java.xml;

    exports io.lode.core.memory to io.lode.sst, io.lode;
    exports io.lode.core.key to io.lode.sst, io.lode;
    // The memtable and the mapped-file primitives serve the engine only; sst-format needs keys and memory.
    exports io.lode.core.memtable to io.lode;
    exports io.lode.core.io to io.lode;
    exports io.lode.core.s3 to io.lode;
}
