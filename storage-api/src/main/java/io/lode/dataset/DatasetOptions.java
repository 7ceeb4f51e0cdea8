package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;

/**
 * How a dataset stores its snapshots. Defaults, as in Lode: the default layout, no codec (raw blob
 * mode: each snapshot is one byte array), the {@code noop} compressor, no checksum.
 *
 * <pre>{@code
 * DatasetOptions.builder().codec(Codecs.jsonl()).compressor(Compressors.gzip()).hiveLayout("day").build()
 * }</pre>
 *
 * @param layout where objects live and how records are partitioned
 * @param codec the record codec, or null for raw blobs
 * @param compressor the compressor
 * @param checksum the checksum of stored files, or null for none
 */
public record DatasetOptions(Layout layout, Codec codec, Compressor compressor, Checksum checksum) {
    public DatasetOptions {
        Require.nonNull(layout, "layout");
        Require.nonNull(compressor, "compressor");
        if (codec == null && layout.partitions()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "raw blob mode (no codec) requires a layout without partitions; "
                    + "configure a codec (e.g. Codecs.jsonl()) to use " + layout);
        }
    }

    /** The defaults. */
    public static DatasetOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DatasetOptions}. */
    public static final class Builder {
        private Layout layout = Layout.defaultLayout();
        private Codec codec;
        private Compressor compressor = Compressors.noop();
        private Checksum checksum;

        private Builder() {}

        public Builder layout(Layout layout) {
            this.layout = Require.nonNull(layout, "layout");
            return this;
        }

        /** Shorthand for {@code layout(Layout.hive(keys))}. */
        public Builder hiveLayout(String... keys) {
            return layout(Layout.hive(keys));
        }

        /** The codec; null means raw blob mode. */
        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        public Builder compressor(Compressor compressor) {
            this.compressor = Require.nonNull(compressor, "compressor");
            return this;
        }

        /** The checksum; null means none. */
        public Builder checksum(Checksum checksum) {
            this.checksum = checksum;
            return this;
        }

        public DatasetOptions build() {
            return new DatasetOptions(layout, codec, compressor, checksum);
        }
    }
}
