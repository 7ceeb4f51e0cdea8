package io.lode.spi;

import io.lode.internal.Require;

/**
 * How {@link ObjectStore#put} treats an object that already exists under the key.
 *
 * <ul>
 *   <li>{@link #CREATE} (the default): write only if the key is absent, else fail with
 *       {@code PATH_EXISTS}. Atomic on every store: among concurrent creators exactly one wins.
 *   <li>{@link #ifMatch(String)}: replace the object only if its current etag equals the given one
 *       (compare-and-swap), else fail with {@code PRECONDITION_FAILED}; a missing object fails too.
 *   <li>{@link #OVERWRITE}: write whether or not the key exists.
 * </ul>
 */
public sealed interface PutMode permits PutMode.Create, PutMode.Overwrite, PutMode.IfMatch {
    /** Create-only: never replaces an existing object. */
    PutMode CREATE = new Create();
    /** Unconditional write. */
    PutMode OVERWRITE = new Overwrite();

    /** Compare-and-swap against the etag of the version the caller last read. */
    static PutMode ifMatch(String etag) {
        return new IfMatch(etag);
    }

    /** See {@link #CREATE}. */
    record Create() implements PutMode {}

    /** See {@link #OVERWRITE}. */
    record Overwrite() implements PutMode {}

    /** See {@link #ifMatch(String)}. @param etag the expected current etag */
    record IfMatch(String etag) implements PutMode {
        public IfMatch {
            Require.nonNull(etag, "etag");
        }
    }
}
