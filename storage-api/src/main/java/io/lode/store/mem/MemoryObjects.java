package io.lode.store.mem;

import io.lode.spi.ObjectKey;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The objects of one named memory store. A sorted concurrent map gives atomic create and
 * compare-and-swap per key (putIfAbsent, replace) and listing in key order without sorting.
 */
final class MemoryObjects {
    /** One immutable version of an object. */
    record Version(byte[] content, String etag, Instant published) {}

    final ConcurrentSkipListMap<String, Version> byKey = new ConcurrentSkipListMap<>(ObjectKey.ORDER);
}
