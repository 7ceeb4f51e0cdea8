package io.lode.dataset;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.dataset.internal.BackgroundPut;
import io.lode.dataset.internal.MeasuredOutputStream;
import io.lode.snapshot.SnapshotHistory.Head;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A raw blob being written in a single pass, from {@link Dataset#streamWrite}. Bytes are
 * compressed and uploaded as they are written, in constant memory; nothing is visible until
 * {@link #commit()}. Use it in try-with-resources: {@link #close()} without a commit aborts.
 * Thread-safe.
 */
public final class StreamWriter implements AutoCloseable {
    private enum State { OPEN, COMMITTED, ABORTED, FAILED }

    private final Dataset dataset;
    private final Head<DatasetSnapshot> head;
    private final String snapshotId;
    private final Metadata metadata;
    private final BackgroundPut put;
    private final MeasuredOutputStream measured;
    private final OutputStream compressed;
    private State state = State.OPEN;
    private LodeException writeError;

    StreamWriter(Dataset dataset, Head<DatasetSnapshot> head, String snapshotId, Metadata metadata, BackgroundPut put,
                 MeasuredOutputStream measured, OutputStream compressed) {
        this.dataset = dataset;
        this.head = head;
        this.snapshotId = snapshotId;
        this.metadata = metadata;
        this.put = put;
        this.measured = measured;
        this.compressed = compressed;
    }

    /** The id the snapshot will have, fixed when the stream was opened. */
    public String snapshotId() {
        return snapshotId;
    }

    /** Appends bytes. Fails after commit, abort or close, and repeats an earlier write failure. */
    public synchronized void write(byte[] bytes) {
        write(bytes, 0, bytes == null ? 0 : bytes.length);
    }

    /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
    public synchronized void write(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "bytes must not be null");
        }
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "range [" + offset + ", +" + length + ") is outside an array of " + bytes.length);
        }
        requireOpen();
        if (writeError != null) {
            throw writeError;
        }
        try {
            compressed.write(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            LodeException cause = put.failure();
            writeError = cause != null ? cause
                    : new LodeException(ErrorCode.IO, "stream write to dataset '" + dataset.id() + "' failed: " + e.getMessage(), e);
            throw writeError;
        }
    }

    /**
     * Finishes the upload and commits the snapshot: pointer, then manifest. After a failure the
     * stream is closed and the data deleted (best effort); it cannot be committed again.
     */
    public synchronized DatasetSnapshot commit() {
        if (state == State.COMMITTED) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the stream is already committed");
        }
        requireOpen();
        state = State.FAILED; // a failed commit cannot be retried; set before anything can fail
        if (writeError != null) {
            put.abort();
            throw writeError;
        }
        try {
            compressed.close();
        } catch (IOException | RuntimeException e) {
            LodeException cause = put.failure();
            put.abort();
            throw cause != null ? cause : new LodeException(ErrorCode.IO, "cannot finish the stream: " + e.getMessage(), e);
        }
        try {
            put.await();
        } catch (RuntimeException e) {
            put.deleteQuietly();
            throw e;
        }
        FileRef file = new FileRef(put.key(), measured.count(), measured.checksum(), null);
        DatasetSnapshot s = dataset.commit(head, snapshotId, List.of(file), 1, new Dataset.TimeRange(), null, metadata, List.of(""));
        state = State.COMMITTED;
        return s;
    }

    /** Stops the upload and deletes what was stored; nothing becomes visible. Fails after a commit; a second abort does nothing. */
    public synchronized void abort() {
        if (state == State.COMMITTED) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the stream is already committed; it cannot be aborted");
        }
        if (state == State.OPEN) {
            state = State.ABORTED;
            put.abort();
        }
    }

    /** Aborts unless committed; never throws. */
    @Override
    public synchronized void close() {
        if (state == State.OPEN) {
            state = State.ABORTED;
            put.abort();
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new LodeException(ErrorCode.CLOSED, "the stream is closed (" + state.name().toLowerCase(java.util.Locale.ROOT)
                    + "); open a new one with Dataset.streamWrite");
        }
    }
}
