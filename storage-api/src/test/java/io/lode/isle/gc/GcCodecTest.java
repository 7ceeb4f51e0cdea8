package io.lode.isle.gc;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The garbage collector's JSON objects and the rules for changing them. */
class GcCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00.123Z");

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void marksRoundTripWithSnakeCaseNamesAndTheIdFieldOfTheirKind() {
        MarkChanges c = new MarkChanges();
        c.upsert("c1-00000001", "compaction", 7, T0, null);
        c.upsert("ab".repeat(32), PendingMark.BLOB_SCAN, 0, T0, T0.minusSeconds(60));
        PendingMarks marks = PendingMarks.EMPTY.with(c);
        byte[] bytes = GcCodec.encode(marks, "sst_id");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"version\":1") && text.contains("\"sst_id\":\"c1-00000001\"")
                && text.contains("\"first_seen_seq\":7") && text.contains("\"first_seen_unreferenced_at\""), text);
        assertTrue(!text.contains("\"first_seen_seq\":0"), "a seq of 0 (found by a scan) is omitted: " + text);
        assertEquals(marks, GcCodec.decodeMarks(bytes, "pending.json", "sst_id"));
    }

    @Test
    void anUpsertKeepsTheFirstSightingAndAClearWinsOverAnEarlierUpsert() {
        MarkChanges first = new MarkChanges();
        first.upsert("x", "compaction", 3, T0, null);
        PendingMarks one = PendingMarks.EMPTY.with(first);
        MarkChanges again = new MarkChanges();
        again.upsert("x", "remove_sstables", 9, T0.plusSeconds(5), null);
        again.upsert("y", PendingMark.ORPHAN_SCAN, 0, T0.plusSeconds(5), null);
        again.clear("y", 10);
        PendingMark x = one.with(again).marks().get("x");
        assertEquals(new PendingMark("x", T0, T0.plusSeconds(5), 3, 9, "compaction", "remove_sstables", null), x);
        assertEquals(List.of("x"), List.copyOf(one.with(again).marks().keySet()));
        assertEquals(List.of(), one.due(T0.plusSeconds(599), Duration.ofMinutes(10), 10), "due only after the grace period");
        assertEquals(List.of(x), one.with(again).due(T0.plusSeconds(600), Duration.ofMinutes(10), 10));
    }

    @Test
    void aCheckpointRoundTripsAndMergesForwardOnly() {
        GcCheckpoint a = new GcCheckpoint(40, 10, "00000000000000000032-abcd1234", T0, T0);
        assertEquals(a, GcCodec.decodeCheckpoint(GcCodec.encode(a), "checkpoint.json"));
        GcCheckpoint older = new GcCheckpoint(20, 30, "00000000000000000016-ffff0000", T0.minusSeconds(99), T0.plusSeconds(1));
        GcCheckpoint merged = a.mergedWith(older);
        assertEquals(new GcCheckpoint(40, 30, "00000000000000000032-abcd1234", T0, T0.plusSeconds(1)), merged);
        assertEquals(merged, older.mergedWith(a));
        GcCheckpoint sameSeenEarlier = new GcCheckpoint(0, 0, a.watchedSnapshot(), T0.minusSeconds(5), T0);
        assertEquals(T0.minusSeconds(5), a.mergedWith(sameSeenEarlier).watchedSince(), "the first sighting counts");
    }

    @Test
    void unknownVersionsAndBrokenFieldsAreRejectedClearly() {
        LodeException e = assertFails(ErrorCode.UNSUPPORTED,
                () -> GcCodec.decodeMarks(json("{\"version\":2,\"marks\":[]}"), "manifest/gc/pending-sst/pending.json", "sst_id"));
        assertTrue(e.getMessage().contains("pending.json") && e.getMessage().contains("version 2"), e.getMessage());
        assertFails(ErrorCode.UNSUPPORTED, () -> GcCodec.decodeCheckpoint(json("{\"version\":9}"), "checkpoint.json"));
        assertFails(ErrorCode.CORRUPTION, () -> GcCodec.decodeCheckpoint(json("{\"version\":1,\"last_applied_seq\":-1,"
                + "\"log_collected_through\":0,\"updated_at\":\"2026-11-21T08:00:00Z\"}"), "checkpoint.json"));
        assertFails(ErrorCode.CORRUPTION, () -> GcCodec.decodeCheckpoint(json("{\"version\":1,\"last_applied_seq\":1,"
                + "\"log_collected_through\":0,\"watched_snapshot\":\"s\",\"updated_at\":\"2026-11-21T08:00:00Z\"}"), "checkpoint.json"));
        assertFails(ErrorCode.CORRUPTION, () -> GcCodec.decodeMarks(json("{\"version\":1,\"marks\":[{\"sst_id\":\"a\"}]}"),
                "pending.json", "sst_id"));
        String mark = "{\"sst_id\":\"a\",\"first_seen_unreferenced_at\":\"2026-11-21T08:00:00Z\",\"last_seen_unreferenced_at\":"
                + "\"2026-11-21T08:00:00Z\",\"first_reason\":\"compaction\",\"last_reason\":\"compaction\"}";
        assertFails(ErrorCode.CORRUPTION, () -> GcCodec.decodeMarks(json("{\"version\":1,\"marks\":[" + mark + "," + mark + "]}"),
                "pending.json", "sst_id"));
        assertEquals(Map.of(), GcCodec.decodeMarks(json("{\"version\":1,\"marks\":[]}"), "pending.json", "sst_id").marks());
        assertFails(ErrorCode.CORRUPTION, () -> GcCodec.decodeMarks(json("{\"version\":1}"), "pending.json", "sst_id"));
    }
}
