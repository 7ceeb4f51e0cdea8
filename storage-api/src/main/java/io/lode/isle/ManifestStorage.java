package io.lode.isle;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.List;
import java.util.Optional;

/**
 * Where a database's manifest objects live. The default keeps them in the database's object store,
 * as {@code manifest/CURRENT}, {@code manifest/log/<20-digit seq>.json} and
 * {@code manifest/snapshots/<id>.manifest} (docs/isle-format.md); another implementation, set with
 * {@link IsleOptions#withManifestStorage}, may keep them elsewhere (a database table, a
 * coordination service) as long as it gives the same guarantees:
 * {@link #createLogEntry} is atomic create-only, and {@link #writeCurrent} is a compare-and-swap.
 * Failures are {@link io.lode.LodeException}s. The garbage collector's own state
 * ({@code manifest/gc/...}: its checkpoint and its marks) is not part of this interface and stays
 * in the database's object store whichever storage is set.
 */
public interface ManifestStorage {
    /** CURRENT's bytes and version tag, or empty if it was never written. */
    Optional<Versioned> readCurrent();

    /**
     * Writes CURRENT if its version is still {@code expectedTag} (null: only if it does not exist);
     * returns the new tag. {@code PRECONDITION_FAILED} or {@code PATH_EXISTS} when it changed.
     */
    String writeCurrent(byte[] json, String expectedTag);

    /** Creates log entry {@code seq}; {@code PATH_EXISTS} if that position is taken. */
    void createLogEntry(long seq, byte[] json);

    /** Log entry {@code seq}, or empty if nothing is committed there (yet). */
    Optional<byte[]> readLogEntry(long seq);

    /** Stores a snapshot under a new id. */
    void createSnapshot(String id, byte[] json);

    /** A snapshot; {@code NOT_FOUND} if it does not exist. */
    byte[] readSnapshot(String id);

    /** The name of log entry {@code seq} in messages. */
    String describeLogEntry(long seq);

    /**
     * Deletes log entry {@code seq} if it exists; for the garbage collector, which deletes only
     * entries a snapshot in CURRENT covers. The default cannot delete, so the log is kept.
     *
     * @throws io.lode.LodeException {@code UNSUPPORTED} if this storage keeps its log forever
     */
    default void deleteLogEntry(long seq) {
        throw new LodeException(ErrorCode.UNSUPPORTED, this + " does not delete log entries");
    }

    /**
     * The ids of the stored snapshots, in any order; for the garbage collector.
     *
     * @throws io.lode.LodeException {@code UNSUPPORTED} if this storage keeps its snapshots forever
     */
    default List<String> listSnapshots() {
        throw new LodeException(ErrorCode.UNSUPPORTED, this + " does not list snapshots");
    }

    /**
     * Deletes a snapshot if it exists; for the garbage collector, which deletes only snapshots
     * older than the one CURRENT names.
     *
     * @throws io.lode.LodeException {@code UNSUPPORTED} if this storage keeps its snapshots forever
     */
    default void deleteSnapshot(String id) {
        throw new LodeException(ErrorCode.UNSUPPORTED, this + " does not delete snapshots");
    }

    /**
     * Bytes with the tag of their version.
     *
     * @param bytes the content
     * @param tag the version tag for {@link #writeCurrent}
     */
    record Versioned(byte[] bytes, String tag) {}
}
