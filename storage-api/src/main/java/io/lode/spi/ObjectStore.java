package io.lode.spi;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A flat namespace of immutable-by-default objects under one root: a directory, a map in memory,
 * or a bucket prefix. Keys follow {@link ObjectKey}; the store applies its root, so keys never
 * include it. Every failure is an {@link io.lode.LodeException}.
 *
 * <p>The contract every driver meets (and that one shared test suite checks for each):
 * <ul>
 *   <li>{@link #put} with {@link PutMode#CREATE} never overwrites: among any number of concurrent
 *       creators of one key, in one process or several, exactly one succeeds and the others get
 *       {@code PATH_EXISTS}. A reader never sees a partially written object. Through a
 *       connection's store, a create that meets an object with exactly its content succeeds and
 *       returns that object's etag: when a response is lost and the create is sent again, it meets
 *       its own object. Protocols that decide between writers with a create therefore put
 *       something unique to the writer into the content.
 *   <li>{@link PutMode#ifMatch} replaces only the version with that etag, else
 *       {@code PRECONDITION_FAILED} (also when the key is missing).
 *   <li>{@link #get}, {@link #getRange} and {@link #openStream} fail with {@code NOT_FOUND} for a
 *       missing key. A range that runs past the end returns the bytes that exist; an offset at or
 *       past the end returns no bytes. A negative offset or length, or a range whose end overflows
 *       a {@code long}, is {@code INVALID_PATH}.
 *   <li>{@link #delete} is idempotent.
 *   <li>{@link #list} returns the keys that start with a string prefix, in {@link ObjectKey#ORDER},
 *       after an optional {@code startAfter} key, streamed page by page.
 *   <li>After {@link #close()}, every call fails with {@code CLOSED}.
 * </ul>
 */
public interface ObjectStore extends AutoCloseable {

    /** Reads a whole object into memory. Objects of 2 GiB or more need {@link #openStream}. */
    ObjectBytes get(String key);

    /**
     * Reads a whole object into memory, or returns empty if the key does not exist: {@link #get}
     * for the many readers to whom a missing object is an answer, not a failure. Every other
     * failure is thrown as {@code get} throws it.
     */
    default Optional<ObjectBytes> find(String key) {
        try {
            return Optional.of(get(key));
        } catch (LodeException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Reads {@code length} bytes starting at {@code offset}, or fewer at the end of the object.
     * The returned info describes the whole object.
     */
    ObjectBytes getRange(String key, long offset, long length);

    /**
     * Opens an object for many range reads; see {@link ObjectRanges}. The default reads each range
     * with {@link #getRange}; a driver that can keep an object open overrides it. Opening may or may
     * not look the object up: a missing object may fail here or at the first read, with
     * {@code NOT_FOUND}.
     */
    default ObjectRanges openRanges(String key) {
        return ObjectRanges.byRequests(this, key);
    }

    /** Opens the object for streaming; for objects of any size. */
    ObjectStream openStream(String key);

    /** The object's info, or empty if the key does not exist. */
    Optional<ObjectInfo> head(String key);

    /** Writes {@code body} under {@code key} as {@code mode} allows; returns the new version's etag. */
    String put(String key, ObjectBody body, PutMode mode);

    /** Create-only write of an array; see {@link PutMode#CREATE}. */
    default String put(String key, byte[] bytes) {
        return put(key, ObjectBody.of(bytes), PutMode.CREATE);
    }

    /** Writes an array as {@code mode} allows. */
    default String put(String key, byte[] bytes, PutMode mode) {
        return put(key, ObjectBody.of(bytes), mode);
    }

    /** Deletes the object if it exists. */
    void delete(String key);

    /**
     * The objects whose keys start with {@code prefix} ({@code ""} for all), in ascending
     * {@link ObjectKey#ORDER}, beginning after {@code startAfter} ({@code null} to begin at the
     * first). The stream fetches pages as it is consumed; close it if it is not consumed to the end.
     * Objects created or deleted while a listing runs may or may not appear in it.
     */
    Stream<ListedObject> list(String prefix, String startAfter);

    /** Lists everything under {@code prefix}. */
    default Stream<ListedObject> list(String prefix) {
        return list(prefix, null);
    }

    /**
     * Whether the store is usable: its root still exists and answers within {@code timeout}. Never
     * throws; a closed store is not valid.
     */
    boolean isValid(Duration timeout);

    /** Releases the store's resources; later calls fail with {@code CLOSED}. Idempotent. */
    @Override
    void close();
}
