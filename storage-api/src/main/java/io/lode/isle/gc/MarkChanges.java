package io.lode.isle.gc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes to a mark set found by one pass, kept in order so they can be applied again to a newer
 * version of the set when a compare-and-swap lost: an id unreferenced and then added back (an
 * orphan-scan mark of an upload that was committed after all) ends up unmarked.
 */
final class MarkChanges {
    private sealed interface Change permits Upsert, Clear {}

    private record Upsert(String id, String reason, long seq, Instant now, Instant objectModifiedAt) implements Change {}

    private record Clear(String id, long seq) implements Change {}

    private final List<Change> changes = new ArrayList<>();
    private int upserts;

    /** Marks {@code id} as unreferenced (again). */
    void upsert(String id, String reason, long seq, Instant now, Instant objectModifiedAt) {
        changes.add(new Upsert(id, reason, seq, now, objectModifiedAt));
        upserts++;
    }

    /**
     * Unmarks {@code id}: it is referenced (again) as of log position {@code seq}, or gone
     * ({@link Long#MAX_VALUE}). A mark made from a later entry stays: another collector, further
     * along the log, saw the table removed after this one saw it added.
     */
    void clear(String id, long seq) {
        changes.add(new Clear(id, seq));
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    int upserts() {
        return upserts;
    }

    void applyTo(Map<String, PendingMark> marks) {
        for (Change c : changes) {
            switch (c) {
                // A sighting that adds no newer log position leaves the mark as it is: collectors
                // following the same log (a compactor's and a retention compactor's) then find
                // nothing to store instead of overwriting each other's "last seen" times forever.
                case Upsert u -> marks.merge(u.id(), PendingMark.first(u.id(), u.reason(), u.seq(), u.now(), u.objectModifiedAt()),
                        (old, fresh) -> u.seq() > old.lastSeenSeq() ? old.seenAgain(u.reason(), u.seq(), u.now()) : old);
                case Clear k -> marks.computeIfPresent(k.id(), (id, m) -> m.lastSeenSeq() < k.seq() ? null : m);
            }
        }
    }
}
