package io.lode.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Reads a memory segment, heap or native, as a stream, without copying it first. */
public final class SegmentInputStream extends InputStream {
    private final MemorySegment segment;
    private long position;

    public SegmentInputStream(MemorySegment segment) {
        this.segment = segment;
    }

    @Override
    public int read() {
        return position < segment.byteSize() ? segment.get(ValueLayout.JAVA_BYTE, position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long remaining = segment.byteSize() - position;
        if (remaining <= 0) {
            return len == 0 ? 0 : -1;
        }
        int n = (int) Math.min(len, remaining);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long k = Math.max(0, Math.min(n, segment.byteSize() - position));
        position += k;
        return k;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, segment.byteSize() - position);
    }

    @Override
    public long transferTo(OutputStream out) throws java.io.IOException {
        byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(1, segment.byteSize() - position))];
        long total = 0;
        int n;
        while ((n = read(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
