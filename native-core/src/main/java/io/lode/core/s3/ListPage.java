package io.lode.core.s3;

import java.time.Instant;
import java.util.List;

/**
 * One page of a ListObjectsV2 response.
 *
 * @param entries the objects of this page, in key order
 * @param nextContinuationToken the token for the next page, or null if this is the last
 */
public record ListPage(List<Entry> entries, String nextContinuationToken) {
    /** A listed object. @param key its full key @param size its size @param lastModified when it was written */
    public record Entry(String key, long size, Instant lastModified) {}
}
