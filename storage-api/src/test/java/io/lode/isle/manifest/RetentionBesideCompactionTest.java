package io.lode.isle.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeAssertions;
import io.lode.LodeConnection;
import io.lode.isle.ManifestStorage;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay rule that lets the retention compactor and the merge compactor commit concurrently:
 * an entry that removes or replaces tables applies only if every table it names is still there,
 * in whichever order the two entries land; and the three roles never fence each other.
 */
class RetentionBesideCompactionTest {
    private static final OptionalLong NONE = OptionalLong.empty();
    private LodeConnection connection;
    private ManifestLog writer;
    private ManifestLog compactor;
    private ManifestLog retention;

    @BeforeEach
    void open() {
        connection = Lode.connect("lode:mem:retention-log-" + UUID.randomUUID());
        writer = ManifestLog.open(storage());
        writer.claim(Role.WRITER, "w");
        compactor = ManifestLog.open(storage());
        compactor.claim(Role.COMPACTOR, "c");
        retention = ManifestLog.open(storage());
        retention.claim(Role.RETENTION, "r");
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private ManifestStorage storage() {
        return new ObjectStoreManifestStorage(connection.store(), "db/");
    }

    private ManifestState replayed() {
        return ManifestLog.open(storage()).state();
    }

    private static SstMeta table(String id, long seq) {
        return new SstMeta(id, seq, seq, new byte[] {1}, new byte[] {2}, 10, "xxh64:0000000000000000", 1, false,
                Instant.parse("2026-11-21T00:00:00Z"));
    }

    private static List<String> ids(List<SstMeta> tables) {
        return tables.stream().map(SstMeta::id).toList();
    }

    /** Level 0 holds a (oldest), b; the compactor and retention both start from that state. */
    private void flushAB() {
        writer.commit(new LogOp.AddSsts(List.of(table("a", 1))), NONE, NONE);
        writer.commit(new LogOp.AddSsts(List.of(table("b", 2))), NONE, NONE);
        compactor.refresh();
        retention.refresh();
    }

    private static LogOp.Compaction mergeABIntoX() {
        return new LogOp.Compaction(List.of("a", "b"), List.of(), new SortedRun(1, List.of(table("x", 2))));
    }

    @Test
    void aCompactionWhoseInputRetentionRemovedFirstIsNotCommittedAndReplayWouldIgnoreIt() {
        flushAB();
        assertTrue(retention.commitIfApplicable(new LogOp.RemoveSsts(List.of("a")), NONE, NONE).isPresent());
        // the compactor's commit meets retention's entry at its position, applies it, and sees that
        // its own no longer applies: nothing is committed, so a's data does not come back in x
        long before = replayed().logSeq();
        assertTrue(compactor.commitIfApplicable(mergeABIntoX(), NONE, NONE).isEmpty());
        assertEquals(before, replayed().logSeq());
        assertEquals(List.of("b"), ids(compactor.state().l0()));
        assertEquals(List.of(), compactor.state().runs());
        LodeAssertions.assertFails(ErrorCode.PRECONDITION_FAILED, () -> compactor.commit(mergeABIntoX(), NONE, NONE));

        // a committer that wrote it anyway (at the next position, by hand) is ignored by replay
        long seq = before + 1;
        storage().createLogEntry(seq, ManifestCodec.encode(new LogEntry(seq, Role.COMPACTOR, 1, "c", "n", Instant.EPOCH,
                mergeABIntoX(), NONE, NONE)));
        ManifestState state = replayed();
        assertEquals(seq, state.logSeq());
        assertEquals(List.of("b"), ids(state.l0()));
        assertEquals(List.of(), state.runs());
    }

    @Test
    void aRemovalOfTablesACompactionReplacedFirstIsNotCommittedAndRetentionSelectsAgain() {
        flushAB();
        assertTrue(compactor.commitIfApplicable(mergeABIntoX(), NONE, NONE).isPresent());
        assertTrue(retention.commitIfApplicable(new LogOp.RemoveSsts(List.of("a")), NONE, NONE).isEmpty());
        // retention's view now holds the compaction: it selects from the run
        assertEquals(List.of("x"), ids(retention.state().tables()));
        assertTrue(retention.commitIfApplicable(new LogOp.RemoveSsts(List.of("x")), NONE, NONE).isPresent());
        ManifestState state = replayed();
        assertEquals(List.of(), state.tables());
        assertEquals(List.of(), state.runs(), "an empty run vanishes");
    }

    @Test
    void retentionRemovesSingleTablesFromInsideARunWhichStaysOrderedUntilItIsEmpty() {
        writer.commit(new LogOp.AddSsts(List.of(table("a", 1), table("b", 2), table("c", 3))), NONE, NONE);
        compactor.refresh();
        SortedRun run = new SortedRun(1, List.of(table("x1", 3), table("x2", 3), table("x3", 3)));
        compactor.commit(new LogOp.Compaction(List.of("a", "b", "c"), List.of(), run), NONE, NONE);
        retention.commit(new LogOp.RemoveSsts(List.of("x2")), NONE, NONE);
        assertEquals(List.of(new SortedRun(1, List.of(table("x1", 3), table("x3", 3)))), replayed().runs());
        // a merge of the run as it was (all three tables) no longer applies
        compactor.refresh();
        assertFalse(compactor.state().applies(new LogEntry(compactor.state().logSeq() + 1, Role.COMPACTOR, 1, "c", "n",
                Instant.EPOCH, new LogOp.Compaction(List.of("x1", "x2", "x3"), List.of(1L), null), NONE, NONE)));
        retention.commit(new LogOp.RemoveSsts(List.of("x1", "x3")), NONE, NONE);
        assertEquals(List.of(), replayed().runs());
    }

    @Test
    void theThreeRolesNeverFenceEachOtherAndANewerRetentionClaimFencesOnlyTheOlder() {
        flushAB();
        ManifestLog newer = ManifestLog.open(storage());
        assertEquals(2, newer.claim(Role.RETENTION, "r2"));
        writer.commit(new LogOp.AddSsts(List.of(table("c", 3))), NONE, NONE);
        assertTrue(compactor.commitIfApplicable(mergeABIntoX(), NONE, NONE).isPresent());
        LodeAssertions.assertFails(ErrorCode.FENCED,
                () -> retention.commitIfApplicable(new LogOp.RemoveSsts(List.of("c")), NONE, NONE));
        assertTrue(newer.commitIfApplicable(new LogOp.RemoveSsts(List.of("x")), NONE, OptionalLong.of(3)).isPresent());
        writer.commit(new LogOp.AddSsts(List.of(table("d", 4))), NONE, NONE);
        ManifestState state = replayed();
        assertEquals(List.of("d", "c"), ids(state.tables()));
        assertEquals(OptionalLong.of(3), state.lowWatermarkLsn());
        assertEquals(1, state.epoch(Role.WRITER));
        assertEquals(1, state.epoch(Role.COMPACTOR));
        assertEquals(2, state.epoch(Role.RETENTION));
    }
}
