package io.lode.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe between a writer thread and the thread that uploads what it writes: at most
 * {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes are in flight, so streaming any size costs
 * constant memory. Unlike {@link java.io.PipedInputStream}, either side may be any thread, and
 * either side can break it: the other side then fails instead of blocking forever.
 */
public final class ChunkPipe {
    static final int CHUNK_BYTES = 256 << 10;
    static final int CHUNKS = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CHUNKS);
    private volatile String brokenBy;

    private final OutputStream sink = new OutputStream() {
        private byte[] chunk = new byte[CHUNK_BYTES];
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("the pipe is closed");
            }
            while (len > 0) {
                int n = Math.min(len, CHUNK_BYTES - used);
                System.arraycopy(b, off, chunk, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == CHUNK_BYTES) {
                    send(chunk);
                    chunk = new byte[CHUNK_BYTES];
                    used = 0;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                if (used > 0) {
                    send(Arrays.copyOf(chunk, used));
                }
                send(END);
            }
        }
    };

    private final InputStream source = new BulkInputStream() {
        private byte[] chunk;
        private int pos;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (chunk == null || pos == chunk.length) {
                if (chunk == END) {
                    return -1;
                }
                chunk = take();
                pos = 0;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    /** What the writer writes to; closing it ends the stream. */
    public OutputStream sink() {
        return sink;
    }

    /** What the uploader reads. */
    public InputStream source() {
        return source;
    }

    /** Breaks the pipe: both sides fail from now on, and the writer no longer blocks. */
    public void breakPipe(String why) {
        brokenBy = why;
        queue.clear();
    }

    private void send(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                failIfBroken();
            }
            failIfBroken();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming to storage");
        }
    }

    private byte[] take() throws IOException {
        try {
            byte[] c;
            while ((c = queue.poll(50, TimeUnit.MILLISECONDS)) == null) {
                failIfBroken();
            }
            failIfBroken();
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming to storage");
        }
    }

    private void failIfBroken() throws IOException {
        String why = brokenBy;
        if (why != null) {
            queue.clear();
            throw new IOException("stream broken: " + why);
        }
    }
}
