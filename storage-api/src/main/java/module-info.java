/**
 * Lode: snapshots, atomic commits and a key-value engine on object storage. Start with
 * {@link io.lode.Lode#connect}.
 */
module io.lode {
    requires io.lode.core;
    requires io.lode.sst;
    requires org.lz4.java;
    requires tools.jackson.core;
    requires com.github.luben.zstd_jni;

    exports io.lode;
    exports io.lode.spi;
    exports io.lode.isle;
    exports io.lode.dataset;
    // What the Parquet codec artifact (io.lode.parquet) implements; not for applications.
    exports io.lode.dataset.spi;
    exports io.lode.volume;

    uses io.lode.spi.StoreDriver;
    // Codecs.parquet: implemented by io.lode:lode-parquet, which only Parquet users put on the path.
    uses io.lode.dataset.spi.ParquetCodecFactory;

    provides io.lode.spi.StoreDriver with
            io.lode.store.file.FileStoreDriver,
            io.lode.store.mem.MemoryStoreDriver,
            io.lode.store.s3.S3StoreDriver;
}
