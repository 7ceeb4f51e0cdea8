package io.lode.core.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalKeyTrailerTest {
    private static final long MAX = InternalKeyTrailer.MAX_SEQUENCE;

    @Test
    void packsSequenceAboveTheKindByteAsRocksDbDoes() {
        assertEquals(0x0102L << 8 | 1, InternalKeyTrailer.of(0x0102, EntryKind.SET));
        assertEquals(0x0102L << 8, InternalKeyTrailer.of(0x0102, EntryKind.DELETE));
        long top = InternalKeyTrailer.of(MAX, EntryKind.SET);
        assertEquals(MAX, InternalKeyTrailer.sequence(top));
        assertEquals(EntryKind.SET, InternalKeyTrailer.kind(top));
    }

    @Test
    void newerTrailersSortFirstEvenWhenTheSignBitIsSet() {
        long newest = InternalKeyTrailer.of(MAX, EntryKind.SET); // negative as a signed long
        long older = InternalKeyTrailer.of(1, EntryKind.SET);
        assertTrue(newest < 0);
        assertTrue(InternalKeyTrailer.compare(newest, older) < 0);
        assertTrue(InternalKeyTrailer.compare(older, newest) > 0);
        // At one sequence number the SET sorts before the DELETE.
        assertTrue(InternalKeyTrailer.compare(
                InternalKeyTrailer.of(5, EntryKind.SET), InternalKeyTrailer.of(5, EntryKind.DELETE)) < 0);
    }

    @Test
    void theSeekTargetPrecedesEveryEntryOfItsSequenceAndFollowsNewerOnes() {
        long target = InternalKeyTrailer.seekTarget(5);
        for (EntryKind kind : EntryKind.values()) {
            assertTrue(InternalKeyTrailer.compare(target, InternalKeyTrailer.of(5, kind)) < 0);
            assertTrue(InternalKeyTrailer.compare(InternalKeyTrailer.of(6, kind), target) < 0);
        }
    }

    @Test
    void rejectsSequencesBeyond56BitsAndUnknownKinds() {
        assertThrows(IllegalArgumentException.class, () -> InternalKeyTrailer.of(MAX + 1, EntryKind.SET));
        assertThrows(IllegalArgumentException.class, () -> InternalKeyTrailer.of(-1, EntryKind.SET));
        assertThrows(IllegalArgumentException.class, () -> InternalKeyTrailer.kind(7));
    }
}
