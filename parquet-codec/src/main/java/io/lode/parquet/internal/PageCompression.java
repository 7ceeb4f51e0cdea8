package io.lode.parquet.internal;

import com.github.luben.zstd.Zstd;
import io.lode.ErrorCode;
import io.lode.LodeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop: parquet-java's own codec factory goes through Hadoop's
 * {@code CompressionCodec} classes, so this one calls snappy-java, the JDK's gzip and zstd-jni
 * directly. Decompression bounds what a page may claim, so a corrupt header cannot make us
 * allocate gigabytes.
 */
final class PageCompression implements CompressionCodecFactory {
    /** The largest uncompressed page we accept; parquet-java and DuckDB write pages of about 1 MiB. */
    static final int MAX_PAGE_BYTES = 256 << 20;
    /** Zstandard's default level: near gzip's ratio at near snappy's speed. */
    private static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                // parquet-java calls this for every page, uncompressed ones too: no copy for those.
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                return BytesInput.from(PageCompression.compress(codec, array(bytes)));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    /** Not used: our own reader ({@code FileDecoder}) decompresses pages with {@link #decompress}. */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("pages are decompressed by FileDecoder, not through parquet-java");
    }

    @Override
    public void release() {}

    /** The bytes as one array (BytesInput.toByteArray is deprecated). */
    private static byte[] array(BytesInput bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(bytes.size()));
        bytes.writeAllTo(out);
        return out.toByteArray();
    }

    static byte[] compress(CompressionCodecName codec, byte[] in) throws IOException {
        return switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> Snappy.compress(in);
            case GZIP -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
                try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                    gz.write(in);
                }
                yield out.toByteArray();
            }
            case ZSTD -> Zstd.compress(in, ZSTD_LEVEL);
            default -> throw new IOException("page compression " + codec + " is not supported for writing");
        };
    }

    /** {@code in} decompressed to exactly {@code size} bytes, or an IOException saying why not. */
    static byte[] decompress(CompressionCodecName codec, byte[] in, int size) throws IOException {
        if (size < 0 || size > MAX_PAGE_BYTES) {
            throw new IOException("a page claims " + size + " uncompressed bytes; at most " + MAX_PAGE_BYTES + " are accepted");
        }
        byte[] out = switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> {
                if (!Snappy.isValidCompressedBuffer(in) || Snappy.uncompressedLength(in) != size) {
                    throw new IOException("a snappy page is damaged or does not hold the " + size + " bytes its header claims");
                }
                yield Snappy.uncompress(in);
            }
            case GZIP -> readExactly(new GZIPInputStream(new ByteArrayInputStream(in)), size);
            case ZSTD -> {
                long declared = Zstd.getFrameContentSize(in);
                if (declared >= 0 && declared != size) {
                    throw new IOException("a zstd page holds " + declared + " bytes, not the " + size + " its header claims");
                }
                byte[] d = new byte[size];
                long n = Zstd.decompressByteArray(d, 0, size, in, 0, in.length);
                if (Zstd.isError(n)) {
                    throw new IOException("a zstd page is damaged: " + Zstd.getErrorName(n));
                }
                if (n != size) {
                    throw new IOException("a zstd page holds " + n + " bytes, not the " + size + " its header claims");
                }
                yield d;
            }
            default -> throw new LodeException(ErrorCode.UNSUPPORTED, "Parquet page compression " + codec + " is not supported; "
                    + "rewrite the file with UNCOMPRESSED, SNAPPY, GZIP or ZSTD");
        };
        if (out.length != size) {
            throw new IOException("a page holds " + out.length + " bytes, not the " + size + " its header claims");
        }
        return out;
    }

    private static byte[] readExactly(InputStream in, int size) throws IOException {
        try (in) {
            // Grown as data arrives rather than allocated from the header's claim.
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(size, 1 << 16));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > size) {
                    throw new IOException("a gzip page holds more than the " + size + " bytes its header claims");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
