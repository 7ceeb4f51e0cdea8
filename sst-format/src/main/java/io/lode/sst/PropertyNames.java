package io.lode.sst;

/** Keys of the properties block: RocksDB's own, which it reads, and ours under {@code lode.}. */
final class PropertyNames {
    static final String METAINDEX_NAME = "rocksdb.properties";
    /** The metaindex entry of the index block from format_version 6 (before, the footer holds its handle). */
    static final String INDEX_METAINDEX_NAME = "rocksdb.index";
    /** The metaindex entry of the range deletion block. */
    static final String RANGE_DELETIONS_METAINDEX_NAME = "rocksdb.range_del";

    static final String INDEX_TYPE = "rocksdb.block.based.table.index.type";
    static final String PREFIX_FILTERING = "rocksdb.block.based.table.prefix.filtering";
    static final String WHOLE_KEY_FILTERING = "rocksdb.block.based.table.whole.key.filtering";
    static final String COLUMN_FAMILY_ID = "rocksdb.column.family.id";
    static final String COLUMN_FAMILY_NAME = "rocksdb.column.family.name";
    static final String COMPARATOR = "rocksdb.comparator";
    static final String COMPRESSION = "rocksdb.compression";
    static final String COMPRESSION_OPTIONS = "rocksdb.compression_options";
    static final String CREATION_TIME = "rocksdb.creation.time";
    static final String DATA_SIZE = "rocksdb.data.size";
    /** RocksDB's name for the number of tombstones. */
    static final String DELETED_KEYS = "rocksdb.deleted.keys";
    static final String FILE_CREATION_TIME = "rocksdb.file.creation.time";
    static final String FILTER_SIZE = "rocksdb.filter.size";
    static final String FIXED_KEY_LENGTH = "rocksdb.fixed.key.length";
    static final String FORMAT_VERSION = "rocksdb.format.version";
    static final String INDEX_KEY_IS_USER_KEY = "rocksdb.index.key.is.user.key";
    static final String INDEX_SIZE = "rocksdb.index.size";
    static final String INDEX_VALUE_IS_DELTA_ENCODED = "rocksdb.index.value.is.delta.encoded";
    static final String MERGE_OPERANDS = "rocksdb.merge.operands";
    static final String MERGE_OPERATOR = "rocksdb.merge.operator";
    static final String NUM_DATA_BLOCKS = "rocksdb.num.data.blocks";
    static final String NUM_ENTRIES = "rocksdb.num.entries";
    static final String NUM_RANGE_DELETIONS = "rocksdb.num.range-deletions";
    static final String OLDEST_KEY_TIME = "rocksdb.oldest.key.time";
    static final String PREFIX_EXTRACTOR_NAME = "rocksdb.prefix.extractor.name";
    static final String PROPERTY_COLLECTORS = "rocksdb.property.collectors";
    static final String RAW_KEY_SIZE = "rocksdb.raw.key.size";
    static final String RAW_VALUE_SIZE = "rocksdb.raw.value.size";

    static final String LODE_SMALLEST_KEY = "lode.smallest.key";
    static final String LODE_LARGEST_KEY = "lode.largest.key";
    static final String LODE_SMALLEST_SEQUENCE = "lode.smallest.seqno";
    static final String LODE_LARGEST_SEQUENCE = "lode.largest.seqno";

    private PropertyNames() {}
}
