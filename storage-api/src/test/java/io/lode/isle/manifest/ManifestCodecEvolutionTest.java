package io.lode.isle.manifest;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.json.ChecksumEdits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * How a manifest object from a newer Lode meets this one (docs/rfcs/0001-format-evolution.md): a
 * well-formed object whose version, op or role this code does not know is {@code UNSUPPORTED}, an
 * error whose remedy is an upgrade; a broken one stays {@code CORRUPTION}.
 */
class ManifestCodecEvolutionTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00.123Z");

    private static String claimJson() {
        LogEntry claim = new LogEntry(7, Role.WRITER, 3, "writer-a", "nonce-1", T0, new LogOp.FenceClaim(),
                OptionalLong.empty(), OptionalLong.empty());
        return new String(ManifestCodec.encode(claim), StandardCharsets.UTF_8);
    }

    /** Decodes {@code json} as a newer Lode would have sealed it: these edits are well formed, not damage. */
    private static LogEntry decodeEntry(String json) {
        return decodeEntryAsIs(ChecksumEdits.resealed(json));
    }

    private static LogEntry decodeEntryAsIs(String json) {
        return ManifestCodec.decodeLogEntry(json.getBytes(StandardCharsets.UTF_8), "manifest/log/00000000000000000007.json", 7);
    }

    private static ManifestState decodeSnapshot(String json) {
        return ManifestCodec.decodeSnapshot(ChecksumEdits.resealed(json).getBytes(StandardCharsets.UTF_8), "manifest/snapshots/s.json");
    }

    @Test
    void aLogEntryWithAnOpThisVersionDoesNotKnowIsUnsupportedAndSaysToUpgrade() {
        String json = claimJson();
        assertTrue(json.contains("\"op\":\"fence_claim\""), json);
        LodeException e = assertFails(ErrorCode.UNSUPPORTED, () -> decodeEntry(json.replace("\"fence_claim\"", "\"merge_ranges\"")));
        assertTrue(e.getMessage().contains("merge_ranges") && e.getMessage().contains("00000000000000000007.json")
                && e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void aLogEntryOfARoleThisVersionDoesNotKnowIsUnsupported() {
        String json = claimJson();
        assertTrue(json.contains("\"role\":\"writer\""), json);
        LodeException e = assertFails(ErrorCode.UNSUPPORTED, () -> decodeEntry(json.replace("\"role\":\"writer\"", "\"role\":\"archiver\"")));
        assertTrue(e.getMessage().contains("archiver"), e.getMessage());
    }

    @Test
    void aSnapshotFencingARoleThisVersionDoesNotKnowIsUnsupportedNotSilentlyDropped() {
        ManifestState state = new ManifestState(4, List.of(), List.of(), 1, 0, Map.of(Role.WRITER, new Fence(2, "writer-a")),
                OptionalLong.empty(), OptionalLong.empty());
        String json = new String(ManifestCodec.encode(state), StandardCharsets.UTF_8);
        assertEquals(state, decodeSnapshot(json));
        assertTrue(json.contains("\"writer\":{"), json);
        LodeException e = assertFails(ErrorCode.UNSUPPORTED, () -> decodeSnapshot(json.replace("\"writer\":{", "\"archiver\":{")));
        assertTrue(e.getMessage().contains("archiver"), e.getMessage());
    }

    @Test
    void aNewerVersionIsUnsupportedWhateverItHolds() {
        String json = claimJson();
        assertTrue(json.contains("\"version\":1"), json);
        assertFails(ErrorCode.UNSUPPORTED, () -> decodeEntry(json.replace("\"version\":1", "\"version\":2")));
        assertFails(ErrorCode.UNSUPPORTED, () -> decodeEntry(json.replace("\"version\":1", "\"version\":2")
                .replace("\"fence_claim\"", "\"merge_ranges\"")));
    }

    @Test
    void aBrokenObjectIsStillCorruption() {
        String json = claimJson();
        assertEquals(7, decodeEntry(json).seq());
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntryAsIs(json.substring(0, json.length() / 2)));
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntry(json.replace("\"op\":\"fence_claim\"", "\"op\":7")));
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntry(json.replace("\"epoch\":3", "\"epoch\":-3")));
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntry(json.replace("\"version\":1", "\"version\":\"one\"")));
    }

    @Test
    void anObjectWhoseBytesChangedAfterSealingIsCorruptionNamingIt() {
        String json = claimJson();
        LodeException e = assertFails(ErrorCode.CORRUPTION, () -> decodeEntryAsIs(json.replace("\"epoch\":3", "\"epoch\":4")));
        assertTrue(e.getMessage().contains("00000000000000000007.json") && e.getMessage().contains("checksum"), e.getMessage());
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntryAsIs(json.replace("\"crc32c\":\"", "\"crc32c\":\"0")));
    }

    @Test
    void aFieldThisVersionDoesNotKnowIsNeverIgnored() {
        String json = claimJson();
        String added = json.replace("\"op\":", "\"priority\":1,\"op\":");
        LodeException sealed = assertFails(ErrorCode.UNSUPPORTED, () -> decodeEntry(added));
        assertTrue(sealed.getMessage().contains("priority") && sealed.getMessage().contains("upgrade"), sealed.getMessage());
        // Without a checksum an unknown name may be a damaged one.
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntryAsIs(ChecksumEdits.withoutChecksum(added)));
        assertFails(ErrorCode.CORRUPTION, () -> decodeEntryAsIs(ChecksumEdits.withoutChecksum(json).replace("\"epoch\"", "\"epocj\"")));
    }

    @Test
    void anObjectWrittenBeforeChecksumsStillReads() {
        String json = claimJson();
        assertTrue(json.matches(".*,\"crc32c\":\"[0-9a-f]{8}\"}"), json);
        assertEquals(decodeEntryAsIs(json), decodeEntryAsIs(ChecksumEdits.withoutChecksum(json)));
    }
}
