package io.lode.volume;

import static io.lode.dataset.Backend.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.dataset.Backend;
import io.lode.dataset.Metadata;
import io.lode.internal.json.ChecksumEdits;
import io.lode.volume.internal.VolumeManifestJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The volume manifest: the documented example (docs/dataset-format.md, volume manifest) as a golden file, and validation on load. */
class VolumeManifestTest {
    static final String EXAMPLE = """
            {
              "schema_name": "lode-volume-manifest",
              "format_version": "1.0.0",
              "volume_id": "disk-image",
              "snapshot_id": "1739404400000000000",
              "created_at": "2026-02-12T23:53:20Z",
              "metadata": {
                "step": "boot"
              },
              "total_length": 1024,
              "blocks": [
                {
                  "offset": 0,
                  "length": 256,
                  "path": "volumes/disk-image/data/0-256.bin",
                  "checksum": "348a9791dc41b89796ec3808b5b5262f"
                },
                {
                  "offset": 512,
                  "length": 256,
                  "path": "volumes/disk-image/data/512-256.bin",
                  "checksum": "348a9791dc41b89796ec3808b5b5262f"
                }
              ],
              "parent_snapshot_id": "1739404390000000000",
              "checksum_algorithm": "md5"
            }""";

    @Test
    void theSpecExampleRoundTripsFieldByFieldAndByteForByte() {
        try (LodeConnection c = Backend.MEM.connect()) {
            c.store().put("volumes/disk-image/snapshots/1739404400000000000/manifest.json", EXAMPLE.getBytes(StandardCharsets.UTF_8));
            c.store().put("volumes/disk-image/data/0-256.bin", new byte[256]);
            Volume v = c.volume("disk-image", 1024);
            VolumeManifest m = v.latest().manifest();
            assertEquals(new VolumeManifest("lode-volume-manifest", "1.0.0", "disk-image", "1739404400000000000",
                    Instant.parse("2026-02-12T23:53:20Z"), Metadata.of("step", "boot"), 1024,
                    List.of(new BlockRef(0, 256, "volumes/disk-image/data/0-256.bin", "348a9791dc41b89796ec3808b5b5262f"),
                            new BlockRef(512, 256, "volumes/disk-image/data/512-256.bin", "348a9791dc41b89796ec3808b5b5262f")),
                    "1739404390000000000", "md5"), m);
            assertEquals(EXAMPLE, ChecksumEdits.withoutChecksum(new String(VolumeManifestJson.write(m), StandardCharsets.UTF_8)),
                    "Go's bytes, and then the crc32c property that Go ignores");
            assertEquals(256, v.readAt(m.snapshotId(), 0, 256).length, "the md5 of 256 zero bytes verifies");
            fails(ErrorCode.RANGE_MISSING, () -> v.readAt(m.snapshotId(), 200, 100));
        }
    }

    static final String VALID = """
            {"schema_name":"lode-volume-manifest","format_version":"1.0.0","volume_id":"v","snapshot_id":"1",
             "created_at":"2026-01-01T00:00:00Z","metadata":{},"total_length":100,
             "blocks":[{"offset":0,"length":10,"path":"volumes/v/data/0-10.bin"}]}""";

    @ParameterizedTest
    @ValueSource(strings = {
        "\"schema_name\":\"lode-volume-manifest\",=>",
        "\"format_version\":\"1.0.0\",=>",
        "\"volume_id\":\"v\",=>",
        "\"snapshot_id\":\"1\",=>",
        "\"created_at\":\"2026-01-01T00:00:00Z\",=>",
        "\"metadata\":{},=>",
        "\"blocks\":[{\"offset\":0,\"length\":10,\"path\":\"volumes/v/data/0-10.bin\"}]=>\"blocks\":null",
        "\"total_length\":100=>\"total_length\":-1",
        "\"offset\":0,\"length\":10=>\"offset\":95,\"length\":10",
        "\"offset\":0=>\"offset\":-1",
        "\"length\":10=>\"length\":0",
        "\"path\":\"volumes/v/data/0-10.bin\"=>\"path\":\"\"",
        "\"path\":\"volumes/v/data/0-10.bin\"}=>\"path\":\"a\"},{\"offset\":5,\"length\":10,\"path\":\"b\"}",
    })
    void everyBrokenFieldIsManifestInvalid(String edit) {
        String[] e = edit.split("=>", -1);
        String broken = VALID.replace(e[0], e[1]);
        assertEquals(false, broken.equals(VALID), edit);
        try (LodeConnection c = Backend.MEM.connect()) {
            c.store().put("volumes/v/snapshots/1/manifest.json", broken.getBytes(StandardCharsets.UTF_8));
            fails(ErrorCode.MANIFEST_INVALID, () -> c.volume("v", 100).snapshot("1"), edit);
        }
    }

    @Test
    void aManifestOfAnotherVolumeOrLengthIsRejected() {
        try (LodeConnection c = Backend.MEM.connect()) {
            c.store().put("volumes/v/snapshots/1/manifest.json", VALID.getBytes(StandardCharsets.UTF_8));
            assertEquals(1, c.volume("v", 100).snapshot("1").manifest().blocks().size());
            fails(ErrorCode.INVALID_ARGUMENT, () -> c.volume("v", 50).snapshot("1"));
            c.store().put("volumes/w/snapshots/1/manifest.json", VALID.getBytes(StandardCharsets.UTF_8));
            fails(ErrorCode.MANIFEST_INVALID, () -> c.volume("w", 100).snapshot("1"));
        }
    }
}
