package io.lode.spi;

import io.lode.internal.Require;
import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * An object's content as a stream, for objects too large to read into memory at once. It reads one
 * version of the object, the one described by {@link #info()}, even if the key is replaced while
 * it is read. Close it when done.
 */
public final class ObjectStream extends FilterInputStream {
    private final ObjectInfo info;

    /** For drivers: wraps the stream that reads the version {@code info} describes. */
    public ObjectStream(ObjectInfo info, InputStream in) {
        super(Require.nonNull(in, "in"));
        this.info = Require.nonNull(info, "info");
    }

    /** The object being read. */
    public ObjectInfo info() {
        return info;
    }

    // FilterInputStream forwards single bytes only; forward bulk reads to keep them bulk.
    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
        return in.read(b, off, len);
    }

    @Override
    public long transferTo(java.io.OutputStream out) throws java.io.IOException {
        return in.transferTo(out);
    }
}
