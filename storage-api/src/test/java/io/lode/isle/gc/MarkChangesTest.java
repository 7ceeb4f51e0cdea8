package io.lode.isle.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How one pass's mark changes apply to a mark set another collector stored meanwhile. */
class MarkChangesTest {
    private static final Instant T1 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant T2 = T1.plusSeconds(1);

    @Test
    void theSameRemovalSeenByASecondCollectorChangesNothing() {
        MarkChanges first = new MarkChanges();
        first.upsert("a", "compaction", 7, T1, null);
        PendingMarks stored = PendingMarks.EMPTY.with(first);
        MarkChanges second = new MarkChanges();
        second.upsert("a", "compaction", 7, T2, null); // read the same entry a second later
        assertEquals(stored, stored.with(second), "nothing to store, so no compare-and-swap to lose");
    }

    @Test
    void aRemovalAtANewerPositionUpdatesTheLastSighting() {
        MarkChanges scan = new MarkChanges();
        scan.upsert("a", PendingMark.ORPHAN_SCAN, 0, T1, null);
        MarkChanges log = new MarkChanges();
        log.upsert("a", "remove_sstables", 9, T2, null);
        PendingMark mark = PendingMarks.EMPTY.with(scan).with(log).marks().get("a");
        assertEquals(T1, mark.firstSeenAt(), "the grace period still runs from the first sighting");
        assertEquals(9, mark.lastSeenSeq());
    }

    @Test
    void aCollectorBehindOnTheLogCannotUnmarkWhatOneAheadMarked() {
        // Collector B, further along: table "a" was added at 5 and removed at 8.
        MarkChanges ahead = new MarkChanges();
        ahead.upsert("a", "compaction", 8, T1, null);
        PendingMarks stored = PendingMarks.EMPTY.with(ahead);
        // Collector A has only read up to 5, where "a" was added: its clear predates the removal.
        MarkChanges behind = new MarkChanges();
        behind.clear("a", 5);
        assertTrue(stored.with(behind).contains("a"));
        // An add after the removal (an orphan committed after all) does clear it, and so does "gone".
        MarkChanges later = new MarkChanges();
        later.clear("a", 9);
        assertFalse(stored.with(later).contains("a"));
        MarkChanges gone = new MarkChanges();
        gone.clear("a", Long.MAX_VALUE);
        assertFalse(stored.with(gone).contains("a"));
    }
}
