package io.lode.core.s3;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import software.amazon.awssdk.crt.http.HttpRequestBodyStream;

/**
 * A request body read from a memory segment. The CRT calls it from its event-loop threads, so the
 * segment must be accessible from any thread (heap, global, automatic or shared arena).
 */
final class SegmentBodyStream implements HttpRequestBodyStream {
    private final MemorySegment segment;
    private long position;

    SegmentBodyStream(MemorySegment segment) {
        this.segment = segment;
    }

    @Override
    public boolean sendRequestBody(ByteBuffer out) {
        int n = (int) Math.min(out.remaining(), segment.byteSize() - position);
        // ofBuffer starts the segment at the buffer's position
        MemorySegment.copy(segment, position, MemorySegment.ofBuffer(out), 0, n);
        out.position(out.position() + n);
        position += n;
        return position == segment.byteSize();
    }

    @Override
    public boolean resetPosition() {
        position = 0; // the CRT rewinds the body to retry a request
        return true;
    }

    @Override
    public long getLength() {
        return segment.byteSize();
    }
}
