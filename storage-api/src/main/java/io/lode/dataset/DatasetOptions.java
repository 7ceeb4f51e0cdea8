package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;
import java.util.Objects;

/**
 * How a dataset stores its snapshots: start from {@link #defaults()} and change what you need with
 * the {@code with} methods, each of which returns a new value. A later version may add options,
 * with defaults, without breaking code written against this one. Defaults, as in Lode: the default
 * layout, no codec (raw blob mode: each snapshot is one byte array), the {@code noop} compressor,
 * no checksum.
 *
 * <pre>{@code
 * DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()).withLayout(Layout.hive("day"))
 * }</pre>
 *
 * <p>The options are checked as a whole when a dataset is opened with them: raw blob mode needs a
 * layout without partitions.
 */
public final class DatasetOptions {
    private static final DatasetOptions DEFAULTS = new DatasetOptions(Layout.defaultLayout(), null, Compressors.noop(), null);

    private final Layout layout;
    private final Codec codec;
    private final Compressor compressor;
    private final Checksum checksum;

    private DatasetOptions(Layout layout, Codec codec, Compressor compressor, Checksum checksum) {
        this.layout = Require.nonNull(layout, "layout");
        this.codec = codec;
        this.compressor = Require.nonNull(compressor, "compressor");
        this.checksum = checksum;
    }

    /** The default layout, raw blobs, no compression, no checksum. */
    public static DatasetOptions defaults() {
        return DEFAULTS;
    }

    /** Where objects live and how records are partitioned (default {@link Layout#defaultLayout()}). */
    public Layout layout() {
        return layout;
    }

    /** The record codec, or null (the default) for raw blobs. */
    public Codec codec() {
        return codec;
    }

    /** The compressor (default {@link Compressors#noop()}). */
    public Compressor compressor() {
        return compressor;
    }

    /** The checksum of stored files, or null (the default) for none. */
    public Checksum checksum() {
        return checksum;
    }

    /** See {@link #layout()}. */
    public DatasetOptions withLayout(Layout layout) {
        return new DatasetOptions(layout, codec, compressor, checksum);
    }

    /** See {@link #codec()}; null for raw blob mode. */
    public DatasetOptions withCodec(Codec codec) {
        return new DatasetOptions(layout, codec, compressor, checksum);
    }

    /** See {@link #compressor()}. */
    public DatasetOptions withCompressor(Compressor compressor) {
        return new DatasetOptions(layout, codec, compressor, checksum);
    }

    /** See {@link #checksum()}; null for none. */
    public DatasetOptions withChecksum(Checksum checksum) {
        return new DatasetOptions(layout, codec, compressor, checksum);
    }

    /** Checks the options as a whole, when a dataset is opened with them (each {@code with} checks only its own value). */
    void requireConsistent() {
        if (codec == null && layout.partitions()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "raw blob mode (no codec) requires a layout without partitions; "
                    + "configure a codec (e.g. Codecs.jsonl()) to use " + layout);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetOptions d && layout.equals(d.layout) && Objects.equals(codec, d.codec) && compressor.equals(d.compressor)
                && Objects.equals(checksum, d.checksum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, codec, compressor, checksum);
    }

    @Override
    public String toString() {
        return "DatasetOptions[layout=" + layout + ", codec=" + codec + ", compressor=" + compressor + ", checksum=" + checksum + "]";
    }
}
