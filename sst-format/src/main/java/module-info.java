/**
 * SST files in the RocksDB block-based table layout. An internal module: used by the Isle
 * engine in {@code io.lode}.
 */
module io.lode.sst {
    requires io.lode.core;
    requires org.lz4.java;
    requires hash4j;
    requires com.github.luben.zstd_jni;

    exports io.lode.sst to io.lode;
    exports io.lode.sst.block to io.lode;
    exports io.lode.sst.format to io.lode;
}
