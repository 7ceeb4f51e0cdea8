package io.lode.store.mem;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectKey;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import io.lode.store.ContentEtag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A connection's view of one {@link MemoryObjects}. Keys and ranges arrive already checked. */
final class MemoryObjectStore implements ObjectStore {
    /** The largest object the memory store holds: one Java array. */
    private static final long MAX_OBJECT = Integer.MAX_VALUE - 8;

    private final MemoryObjects objects;

    MemoryObjectStore(MemoryObjects objects) {
        this.objects = objects;
    }

    @Override
    public ObjectBytes get(String key) {
        MemoryObjects.Version v = version(key);
        return new ObjectBytes(info(key, v), v.content().clone());
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        MemoryObjects.Version v = version(key);
        byte[] c = v.content();
        int from = (int) Math.min(offset, c.length);
        int to = (int) Math.min(c.length, from + Math.min(length, c.length));
        return new ObjectBytes(info(key, v), Arrays.copyOfRange(c, from, to));
    }

    @Override
    public ObjectStream openStream(String key) {
        MemoryObjects.Version v = version(key);
        return new ObjectStream(info(key, v), new ByteArrayInputStream(v.content()));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        MemoryObjects.Version v = objects.byKey.get(key);
        return v == null ? Optional.empty() : Optional.of(info(key, v));
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        byte[] content = read(key, body);
        MemoryObjects.Version next = new MemoryObjects.Version(content, ContentEtag.of(content), Instant.now());
        switch (mode) {
            case PutMode.Create c -> {
                if (objects.byKey.putIfAbsent(key, next) != null) {
                    throw new LodeException(ErrorCode.PATH_EXISTS, "object '" + key + "' already exists");
                }
            }
            case PutMode.Overwrite o -> objects.byKey.put(key, next);
            case PutMode.IfMatch m -> {
                MemoryObjects.Version current = objects.byKey.get(key);
                // replace() compares the version object itself, so a concurrent writer in between
                // makes it fail rather than being overwritten.
                if (current == null || !current.etag().equals(m.etag()) || !objects.byKey.replace(key, current, next)) {
                    throw new LodeException(ErrorCode.PRECONDITION_FAILED, "object '" + key + "' "
                            + (current == null ? "does not exist" : "is not at version " + m.etag()));
                }
            }
        }
        return next.etag();
    }

    @Override
    public void delete(String key) {
        objects.byKey.remove(key);
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        Map<String, MemoryObjects.Version> tail = startAfter != null && ObjectKey.compare(startAfter, prefix) >= 0
                ? objects.byKey.tailMap(startAfter, false)
                : objects.byKey.tailMap(prefix, true);
        // Keys sharing a prefix are contiguous in key order, so the listing ends at the first miss.
        return tail.entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> new ListedObject(e.getKey(), e.getValue().content().length, e.getValue().published()));
    }

    @Override
    public boolean isValid(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
        // The objects belong to the JVM-wide named store, not to this connection.
    }

    private MemoryObjects.Version version(String key) {
        MemoryObjects.Version v = objects.byKey.get(key);
        if (v == null) {
            throw new LodeException(ErrorCode.NOT_FOUND, "object '" + key + "' not found");
        }
        return v;
    }

    private static ObjectInfo info(String key, MemoryObjects.Version v) {
        return new ObjectInfo(key, v.content().length, v.etag(), v.published());
    }

    /** The body as a private array: stores keep no reference to a caller's buffer. */
    private static byte[] read(String key, ObjectBody body) {
        if (body instanceof ObjectBody.Bytes b) {
            return b.bytes().clone();
        }
        long declared = body.length();
        if (declared > MAX_OBJECT) {
            throw tooLarge(key, declared);
        }
        try {
            InputStream in = body.openStream();
            try {
                byte[] content = declared >= 0 ? in.readNBytes((int) declared) : in.readNBytes((int) MAX_OBJECT + 1);
                if (content.length > MAX_OBJECT) {
                    throw tooLarge(key, content.length);
                }
                if (declared >= 0 && (content.length < declared || in.read() != -1)) {
                    throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the body of '" + key
                            + "' does not hold the declared " + declared + " bytes");
                }
                return content;
            } finally {
                if (!(body instanceof ObjectBody.Stream)) {
                    in.close();
                }
            }
        } catch (IOException e) {
            throw new LodeException(ErrorCode.IO, "cannot read the body of '" + key + "': " + e.getMessage(), e);
        }
    }

    private static LodeException tooLarge(String key, long size) {
        return new LodeException(ErrorCode.INVALID_ARGUMENT, "object '" + key + "' of " + size
                + " bytes is too large for the memory store (at most " + MAX_OBJECT + " bytes)");
    }
}
