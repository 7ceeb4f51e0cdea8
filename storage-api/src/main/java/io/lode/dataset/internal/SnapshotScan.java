package io.lode.dataset.internal;

import io.lode.spi.ListedObject;
import io.lode.spi.ObjectStore;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The degraded path of finding a head without a pointer: list the snapshots' prefix and take the
 * greatest id. Used only when the pointer is missing or names a snapshot that does not exist.
 */
public final class SnapshotScan {
    private SnapshotScan() {}

    /**
     * The key of the manifest with the greatest id under {@code prefix}, or null when there is none.
     *
     * @param idOf the snapshot id a listed key is the manifest of, or null when it is not a manifest
     */
    public static String greatestManifest(ObjectStore store, String prefix, Function<String, String> idOf) {
        String bestKey = null;
        String bestId = null;
        try (Stream<ListedObject> listed = store.list(prefix)) {
            for (ListedObject o : (Iterable<ListedObject>) listed::iterator) {
                String id = idOf.apply(o.key());
                if (id != null && (bestId == null || SnapshotIds.compare(id, bestId) > 0)) {
                    bestId = id;
                    bestKey = o.key();
                }
            }
        }
        return bestKey;
    }
}
