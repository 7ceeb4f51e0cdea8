package io.lode.store;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A create-only put that recognises its own object. When the response to a create is lost, the
 * client (the S3 client on its own, or a caller after a timeout) sends it again, and the second
 * attempt meets the object the first one wrote. That object is this put's, not a rival's: the
 * create succeeded. Only an object with other content is {@code PATH_EXISTS}.
 *
 * <p>"Own" is decided by content: the same size and the same XXH64 of every byte. Two writers that
 * create one key with identical bytes therefore both succeed, which is harmless for immutable
 * objects (the outcome is the object either would have written); protocols that use a create to
 * decide between writers put something unique to the writer into the content (an owner id, a
 * table id, a snapshot id), as every Lode protocol does.
 *
 * <p>Cost: nothing on the normal path beyond hashing a stream body as it is sent; on a collision a
 * HEAD, and when the store's etag is not itself the content hash (S3), one read of the object.
 */
final class IdempotentCreate {
    private IdempotentCreate() {}

    /** The size and content hash of a body. */
    private record Fingerprint(long size, String hash) {}

    static String put(ObjectStore driver, String key, ObjectBody body) {
        HashingStream hashed = body instanceof ObjectBody.Stream s ? new HashingStream(s.in()) : null;
        ObjectBody sent = hashed == null ? body : ObjectBody.ofStream(hashed, ((ObjectBody.Stream) body).declaredLength());
        try {
            return driver.put(key, sent, PutMode.CREATE);
        } catch (LodeException e) {
            if (e.code() != ErrorCode.PATH_EXISTS) {
                throw e;
            }
            Fingerprint ours = hashed != null ? hashed.fingerprint() : fingerprint(body);
            return own(driver, key, ours).orElseThrow(() -> e);
        } finally {
            if (hashed != null) {
                hashed.release();
            }
        }
    }

    /** The etag of the object under {@code key} if it has exactly the content {@code ours} describes. */
    private static Optional<String> own(ObjectStore driver, String key, Fingerprint ours) {
        Optional<ObjectInfo> found = driver.head(key);
        if (found.isEmpty() || found.get().size() != ours.size()) {
            return Optional.empty();
        }
        ObjectInfo info = found.get();
        if (info.etag().equals(ours.hash())) {
            return Optional.of(info.etag()); // the file and memory stores' etag is this very hash
        }
        try (ObjectStream stored = driver.openStream(key)) {
            Fingerprint theirs = fingerprint(stored);
            return theirs.equals(ours) ? Optional.of(stored.info().etag()) : Optional.empty();
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot read back '" + key + "' to tell whether it is the object this create"
                    + " wrote: " + e.getMessage(), e);
        } catch (LodeException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Fingerprint fingerprint(ObjectBody body) {
        if (body instanceof ObjectBody.Bytes b) {
            return new Fingerprint(b.bytes().length, ContentEtag.of(b.bytes()));
        }
        try (InputStream in = body.openStream()) {
            return fingerprint(in);
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot re-read the body of a create to compare it: " + e.getMessage(), e);
        }
    }

    private static Fingerprint fingerprint(InputStream in) throws IOException {
        try (ContentEtag hash = new ContentEtag()) {
            byte[] buffer = new byte[64 << 10];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                hash.update(buffer, 0, n);
                size += n;
            }
            return new Fingerprint(size, hash.etag());
        }
    }

    /** A stream body, hashed as the driver reads it: a stream cannot be read a second time. */
    private static final class HashingStream extends FilterInputStream {
        private final ContentEtag hash = new ContentEtag();
        private long size;

        HashingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                hash.update(new byte[] {(byte) b}, 0, 1);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                hash.update(b, off, n);
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would be missing from the hash: read them instead.
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            int r;
            while (skipped < n && (r = read(sink, 0, (int) Math.min(sink.length, n - skipped))) > 0) {
                skipped += r;
            }
            return skipped;
        }

        @Override
        public void close() {
            // the caller owns the stream: a put reads a stream body to its end but never closes it
        }

        Fingerprint fingerprint() {
            return new Fingerprint(size, hash.etag());
        }

        void release() {
            hash.close();
        }
    }
}
