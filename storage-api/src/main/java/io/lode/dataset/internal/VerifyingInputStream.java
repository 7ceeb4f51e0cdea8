package io.lode.dataset.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.Checksum;
import io.lode.snapshot.ChecksumVerification;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams a stored file while checking it against its manifest: at the end of the stream, the byte
 * count must equal the recorded size ({@code CORRUPTION} otherwise) and, when a known checksum was
 * recorded, the checksum must match ({@code CHECKSUM_MISMATCH}). Verification costs no extra pass
 * and no memory, so files of any size are verified.
 */
public final class VerifyingInputStream extends BulkInputStream {
    private final InputStream in;
    private final String path;
    private final long expectedSize;
    private final String algorithm;
    private final String expectedChecksum;
    private final Checksum.Hasher hasher;
    private long count;
    private boolean verified;

    /**
     * @param algorithm the manifest's checksum algorithm, or null
     * @param expectedChecksum the file's recorded checksum, or null
     */
    public VerifyingInputStream(InputStream in, String path, long expectedSize, String algorithm, String expectedChecksum) {
        this.in = in;
        this.path = path;
        this.expectedSize = expectedSize;
        this.algorithm = algorithm;
        this.expectedChecksum = expectedChecksum;
        boolean known = expectedChecksum != null && Md5Checksum.INSTANCE.name().equals(algorithm);
        this.hasher = known ? Md5Checksum.INSTANCE.newHasher() : null;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            if (hasher != null) {
                hasher.update(b, off, n);
            }
            if (count > expectedSize) {
                throw corrupt();
            }
        } else if (n < 0) {
            verifyAtEnd();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed; read them.
        byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void verifyAtEnd() {
        if (verified) {
            return;
        }
        verified = true;
        if (count != expectedSize) {
            throw corrupt();
        }
        if (hasher != null) {
            ChecksumVerification.compare(algorithm, hasher.sum(), expectedChecksum, path);
        }
    }

    /**
     * The failure to report when decoding this file failed with {@code decodeError}: if the stored
     * bytes fail verification, that is the cause (the file was damaged), else the decode error,
     * as {@code CORRUPTION} unless it already is a {@link LodeException}.
     */
    public LodeException explain(Exception decodeError) {
        try {
            transferTo(java.io.OutputStream.nullOutputStream());
        } catch (LodeException verification) {
            verification.addSuppressed(decodeError);
            return verification;
        } catch (IOException | RuntimeException ignored) {
            // the storage failed too; report the decode error
        }
        return decodeError instanceof LodeException le ? le
                : new LodeException(ErrorCode.CORRUPTION, path + " cannot be decoded: " + decodeError.getMessage(), decodeError);
    }

    /**
     * {@code decoded}, a stream decoded from this one (decompressed), which on reaching its end
     * also reads this stream to its end, so that the verification happens even when the decoder
     * stops before the last stored byte (a gzip trailer, trailing padding).
     */
    public InputStream endingWithVerification(InputStream decoded) {
        VerifyingInputStream stored = this;
        return new BulkInputStream() {
            @Override
            public void close() throws IOException {
                decoded.close();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n;
                try {
                    n = decoded.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw stored.explain(e);
                }
                if (n < 0) {
                    stored.transferTo(java.io.OutputStream.nullOutputStream());
                }
                return n;
            }
        };
    }

    private LodeException corrupt() {
        return new LodeException(ErrorCode.CORRUPTION, path + " holds " + (count > expectedSize ? "more than " : "") + count
                + " bytes but its manifest records " + expectedSize + "; the file was changed or damaged after the commit");
    }
}
