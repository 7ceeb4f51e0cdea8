package io.lode.spi;

import java.time.Instant;
import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Require;

/**
 * What a store knows about one stored object.
 *
 * @param key the object's key, relative to the store's root
 * @param size the object's length in bytes
 * @param etag an opaque version tag that changes whenever the content changes; pass it to
 *     {@link PutMode#ifMatch(String)} for a compare-and-swap
 * @param lastModified when this version of the object was published
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {
    public ObjectInfo {
        Require.nonNull(key, "key");
        Require.nonNull(etag, "etag");
        Require.nonNull(lastModified, "lastModified");
        if (size < 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "size " + size + " < 0");
        }
    }
}
