package io.lode.store.s3;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.s3.ListPage;
import io.lode.core.s3.Precondition;
import io.lode.core.s3.S3Exception;
import io.lode.core.s3.S3Response;
import io.lode.core.s3.S3TransferClient;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Objects under {@code prefix} in one bucket; keys arrive already checked.
 *
 * <p>Create is {@code If-None-Match: *}, atomic on S3 (on the completing request for multipart
 * uploads); compare-and-swap is {@code If-Match} on a single PUT. Some S3 look-alikes (S3Proxy
 * among them) check {@code If-Match} and then write, so concurrent compare-and-swaps on one key may
 * both succeed there; Lode's own protocols decide order with create-only writes for that reason.
 */
final class S3ObjectStore implements ObjectStore {
    private static final int LIST_PAGE = 1000;

    private final S3TransferClient client;
    private final String bucket;
    private final String prefix;
    private final String url;

    S3ObjectStore(S3TransferClient client, String bucket, String prefix, String url) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.url = url;
    }

    @Override
    public ObjectBytes get(String key) {
        try {
            S3Response r = S3TransferClient.await(client.get(bucket, prefix + key, 0, -1, null));
            return new ObjectBytes(info(key, r), r.body());
        } catch (S3Exception e) {
            if (e.status() == 416) {
                // The CRT asks for the first part as a range, which an empty object cannot satisfy.
                ObjectInfo info = headOrThrow(key);
                if (info.size() == 0) {
                    return new ObjectBytes(info, new byte[0]);
                }
            }
            throw failure(e, key, null);
        }
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        if (length == 0) {
            return new ObjectBytes(headOrThrow(key), new byte[0]);
        }
        try {
            S3Response r = S3TransferClient.await(client.get(bucket, prefix + key, offset, length, null));
            return new ObjectBytes(info(key, r), r.body());
        } catch (S3Exception e) {
            if (e.status() == 416) { // the offset is at or past the end: no bytes, but the object exists
                return new ObjectBytes(headOrThrow(key), new byte[0]);
            }
            throw failure(e, key, null);
        }
    }

    @Override
    public ObjectStream openStream(String key) {
        ObjectInfo info = headOrThrow(key);
        return new ObjectStream(info, new PartReader(key, info));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            return Optional.of(info(key, S3TransferClient.await(client.head(bucket, prefix + key))));
        } catch (S3Exception e) {
            if (e.status() == 404 && !"NoSuchBucket".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw failure(e, key, null);
        }
    }

    private ObjectInfo headOrThrow(String key) {
        return head(key).orElseThrow(() -> new LodeException(ErrorCode.NOT_FOUND, "object '" + key + "' not found in " + url));
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        Precondition condition = switch (mode) {
            case PutMode.Create c -> Precondition.absent();
            case PutMode.Overwrite o -> Precondition.none();
            case PutMode.IfMatch m -> Precondition.matching(m.etag());
        };
        try {
            S3Response r = switch (body) {
                case ObjectBody.Bytes b -> S3TransferClient.await(client.put(bucket, prefix + key, MemorySegment.ofArray(b.bytes()), condition));
                case ObjectBody.Segment s -> S3TransferClient.await(client.put(bucket, prefix + key, s.segment(), condition));
                case ObjectBody.File f -> {
                    if (!Files.isRegularFile(f.path())) {
                        throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the file to upload does not exist: " + f.path());
                    }
                    yield S3TransferClient.await(client.putFile(bucket, prefix + key, f.path(), condition));
                }
                case ObjectBody.Stream s -> putSpooled(key, s, condition);
            };
            return r.etag();
        } catch (S3Exception e) {
            throw failure(e, key, mode);
        }
    }

    /**
     * A stream is spooled to a temporary file first: the CRT reads bodies on its own threads, which
     * must not block on a caller's stream, and a file can be re-read when a part is retried.
     */
    private S3Response putSpooled(String key, ObjectBody.Stream body, Precondition condition) {
        Path spool = null;
        try {
            spool = Files.createTempFile("lode-s3-upload-", ".part");
            long n;
            try (OutputStream out = Files.newOutputStream(spool)) {
                n = body.declaredLength() >= 0
                        ? copy(body.in(), out, body.declaredLength() + 1)
                        : body.in().transferTo(out);
            }
            if (body.declaredLength() >= 0 && n != body.declaredLength()) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the body of '" + key + "' holds "
                        + (n > body.declaredLength() ? "more than" : "only " + n + " of") + " the declared "
                        + body.declaredLength() + " bytes");
            }
            return S3TransferClient.await(client.putFile(bucket, prefix + key, spool, condition));
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot spool the body of '" + key + "' to a temporary file: " + e.getMessage(), e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // the temporary directory is cleaned by the system
                }
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public void delete(String key) {
        try {
            S3TransferClient.await(client.delete(bucket, prefix + key));
        } catch (S3Exception e) {
            if (e.status() != 404 || "NoSuchBucket".equals(e.errorCode())) {
                throw failure(e, key, null);
            }
        }
    }

    @Override
    public Stream<ListedObject> list(String listPrefix, String startAfter) {
        Iterator<ListedObject> pages = new Iterator<>() {
            private final Deque<ListedObject> buffered = new ArrayDeque<>();
            private String token;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (buffered.isEmpty() && !done) {
                    ListPage page;
                    try {
                        page = S3TransferClient.await(client.list(bucket, prefix + listPrefix,
                                startAfter == null ? null : prefix + startAfter, token, LIST_PAGE));
                    } catch (S3Exception e) {
                        throw failure(e, listPrefix, null);
                    }
                    for (ListPage.Entry e : page.entries()) {
                        if (e.key().startsWith(prefix)) {
                            buffered.add(new ListedObject(e.key().substring(prefix.length()), e.size(), e.lastModified()));
                        }
                    }
                    token = page.nextContinuationToken();
                    done = token == null;
                }
                return !buffered.isEmpty();
            }

            @Override
            public ListedObject next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffered.poll();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages,
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL), false);
    }

    @Override
    public boolean isValid(Duration timeout) {
        try {
            client.headBucket(bucket).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "S3 store " + url;
    }

    private static ObjectInfo info(String key, S3Response r) {
        return new ObjectInfo(key, r.objectSize(), r.etag() == null ? "" : r.etag(), r.lastModified());
    }

    /** What an S3 failure means to a caller of this store. */
    private LodeException failure(S3Exception e, String key, PutMode mode) {
        String what = "'" + key + "' in " + url;
        if (mode instanceof PutMode.Create && e.status() == 412) {
            return new LodeException(ErrorCode.PATH_EXISTS, "object " + what + " already exists", e);
        }
        if (mode instanceof PutMode.IfMatch && (e.status() == 412 || (e.status() == 404 && !"NoSuchBucket".equals(e.errorCode())))) {
            return new LodeException(ErrorCode.PRECONDITION_FAILED, "object " + what
                    + (e.status() == 404 ? " does not exist" : " is not at the expected version"), e);
        }
        return switch (e.status()) {
            case 404 -> "NoSuchBucket".equals(e.errorCode())
                    ? new LodeException(ErrorCode.NOT_FOUND, "the bucket '" + bucket + "' of " + url + " does not exist; create it first", e)
                    : new LodeException(ErrorCode.NOT_FOUND, "object " + what + " not found", e);
            case 403 -> new LodeException(ErrorCode.ACCESS_DENIED, "S3 denied access to " + what + " (" + e.errorCode()
                    + "): check the credentials (the accessKeyId and secretAccessKey properties, or AWS_ACCESS_KEY_ID"
                    + " and AWS_SECRET_ACCESS_KEY; temporary credentials may have expired) and the bucket's policy", e, false);
            case 409 -> new LodeException(ErrorCode.IO, "a concurrent write to " + what
                    + " conflicted with this one (" + e.errorCode() + "); retry to learn the outcome", e, true);
            case 429 -> throttled(e, what);
            default -> {
                if ("SlowDown".equals(e.errorCode()) || "Throttling".equals(e.errorCode())) {
                    yield throttled(e, what);
                }
                if ("Timeout".equals(e.errorCode()) || "RequestTimeout".equals(e.errorCode())
                        || e.errorCode().contains("TIMEOUT") || e.errorCode().contains("TIMED_OUT")) {
                    yield new LodeException(ErrorCode.TIMEOUT, "no answer in time for " + what + ": " + e.getMessage(), e, true);
                }
                yield "ObjectTooLarge".equals(e.errorCode())
                        ? new LodeException(ErrorCode.INVALID_ARGUMENT, "object " + what + " is larger than one array; read it with openStream", e)
                        : new LodeException(ErrorCode.IO, e.getMessage(), e, e.retryable());
            }
        };
    }

    private static LodeException throttled(S3Exception e, String what) {
        return new LodeException(ErrorCode.THROTTLED, "S3 kept asking to slow down (" + e.errorCode() + ") for " + what
                + " through its retries: lower the request rate or spread keys over more prefixes", e, true);
    }

    /**
     * Reads an object as consecutive ranged GETs of one part each, each conditional on the etag
     * the stream was opened with, so memory stays at one part and a replaced object fails the
     * read instead of mixing two versions.
     */
    private final class PartReader extends InputStream {
        private final String key;
        private final ObjectInfo info;
        private final long partSize;
        private byte[] part = new byte[0];
        private int partPosition;
        private long nextOffset;

        PartReader(String key, ObjectInfo info) {
            this.key = key;
            this.info = info;
            this.partSize = client.settings().partSize();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (partPosition == part.length && !fetch()) {
                return -1;
            }
            int n = Math.min(len, part.length - partPosition);
            System.arraycopy(part, partPosition, b, off, n);
            partPosition += n;
            return n;
        }

        private boolean fetch() throws IOException {
            if (nextOffset >= info.size()) {
                return false;
            }
            long length = Math.min(partSize, info.size() - nextOffset);
            try {
                part = S3TransferClient.await(client.get(bucket, prefix + key, nextOffset, length, info.etag())).body();
            } catch (S3Exception e) {
                if (e.status() == 412 || e.status() == 404) {
                    throw new IOException(new LodeException(ErrorCode.IO, "object '" + key + "' in " + url
                            + " was replaced or deleted while being read; open it again", e, true));
                }
                throw new IOException(failure(e, key, null));
            }
            partPosition = 0;
            nextOffset += part.length;
            return part.length > 0;
        }
    }
}
