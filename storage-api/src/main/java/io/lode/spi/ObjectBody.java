package io.lode.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import io.lode.internal.SegmentInputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;

/**
 * The content of a {@link ObjectStore#put}: bytes in memory, a memory segment, a file, or a stream.
 *
 * <p>Drivers stream files and streams to their destination without holding them in memory; the
 * memory store is the exception, as it keeps every object on the heap. Arrays and segments are not
 * copied before the put: do not change them until it returns. A stream body can be sent once only,
 * so a driver cannot retry it on its own.
 */
public sealed interface ObjectBody
        permits ObjectBody.Bytes, ObjectBody.Segment, ObjectBody.File, ObjectBody.Stream {

    /** The length in bytes, or -1 if it is not known before the body is read. */
    long length();

    /**
     * A stream over the content, for drivers. Array, segment and file bodies can be opened again
     * (for a retry); a stream body returns its one stream, which the driver must not close.
     */
    InputStream openStream();

    static ObjectBody of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static ObjectBody of(MemorySegment segment) {
        return new Segment(segment);
    }

    static ObjectBody ofFile(Path file) {
        return new File(file);
    }

    /** A stream of {@code length} bytes; -1 if the length is not known in advance. */
    static ObjectBody ofStream(InputStream in, long length) {
        return new Stream(in, length);
    }

    /** A body held in an array. @param bytes the content */
    record Bytes(byte[] bytes) implements ObjectBody {
        public Bytes {
            Require.nonNull(bytes, "bytes");
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public InputStream openStream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** A body held in a memory segment (heap or native). @param segment the content */
    record Segment(MemorySegment segment) implements ObjectBody {
        public Segment {
            Require.nonNull(segment, "segment");
        }

        @Override
        public long length() {
            return segment.byteSize();
        }

        @Override
        public InputStream openStream() {
            return new SegmentInputStream(segment);
        }
    }

    /**
     * A body read from a file when the put runs; its length is the file's size then.
     *
     * @param path the file
     */
    record File(Path path) implements ObjectBody {
        public File {
            Require.nonNull(path, "path");
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public InputStream openStream() {
            try {
                return Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the file to upload does not exist: " + path, e);
            } catch (IOException e) {
                throw new LodeException(ErrorCode.IO, "cannot read the file to upload " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A body read from a stream; the put reads it to its end but does not close it.
     *
     * @param in the stream
     * @param declaredLength the number of bytes the stream holds, or -1 if unknown; a stream that
     *     ends early or holds more fails the put
     */
    record Stream(InputStream in, long declaredLength) implements ObjectBody {
        public Stream {
            Require.nonNull(in, "in");
            if (declaredLength < -1) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "declaredLength " + declaredLength + " must be -1 (unknown) or a length");
            }
        }

        @Override
        public long length() {
            return declaredLength;
        }

        @Override
        public InputStream openStream() {
            return in;
        }
    }
}
