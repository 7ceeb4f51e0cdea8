package io.lode.dataset.internal;

import io.lode.dataset.Checksum;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Counts and optionally hashes the bytes that reach storage, after compression: the manifest's
 * {@code size_bytes} and {@code checksum} describe stored bytes.
 */
public final class MeasuredOutputStream extends OutputStream {
    private final OutputStream out;
    private final Checksum.Hasher hasher;
    private long count;

    /** @param checksum the checksum to compute, or null for none */
    public MeasuredOutputStream(OutputStream out, Checksum checksum) {
        this.out = out;
        this.hasher = checksum == null ? null : checksum.newHasher();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (hasher != null) {
            hasher.update(b, off, len);
        }
        count += len;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public long count() {
        return count;
    }

    /** The checksum of everything written, or null when none is computed; call once, after the last write. */
    public String checksum() {
        return hasher == null ? null : hasher.sum();
    }
}
