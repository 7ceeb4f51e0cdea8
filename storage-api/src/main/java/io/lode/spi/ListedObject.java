package io.lode.spi;

import java.time.Instant;
import io.lode.internal.Require;

/**
 * One entry of {@link ObjectStore#list}: a key with the facts a listing returns without reading
 * the object.
 *
 * @param key the object's key, relative to the store's root
 * @param size the object's length in bytes
 * @param lastModified when the listed version was published
 */
public record ListedObject(String key, long size, Instant lastModified) {
    public ListedObject {
        Require.nonNull(key, "key");
        Require.nonNull(lastModified, "lastModified");
    }
}
