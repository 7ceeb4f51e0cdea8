package io.lode.snapshot;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Retries;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The {@code latest} pointer of a dataset or volume ({@link SnapshotHistory}): an object whose body is the bare id of the
 * head snapshot, as Lode writes it. Lode replaces it with a delete and a put; here it is moved with
 * a compare-and-swap against the version the writer read (create-only when it read none), so that of
 * two writers that start from the same head exactly one moves it and the other gets
 * {@code SNAPSHOT_CONFLICT}.
 */
public final class HeadPointer {
    /**
     * What a read of the pointer found.
     *
     * @param id the id it names, or null when it is missing or empty
     * @param etag the version read, or null when the pointer does not exist
     */
    public record Seen(String id, String etag) {
        public static final Seen ABSENT = new Seen(null, null);
    }

    private final ObjectStore store;
    private final String key;

    public HeadPointer(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Reads the pointer (1 request). */
    public Seen read() {
        ObjectBytes b = store.find(key).orElse(null);
        if (b == null) {
            return Seen.ABSENT;
        }
        String id = new String(b.bytes(), StandardCharsets.UTF_8).strip();
        return new Seen(id.isEmpty() ? null : id, b.info().etag());
    }

    /**
     * Points at {@code id} if the pointer is still the version {@code expectedEtag} (absent when
     * null); returns the new version. Another writer's move in between is {@code SNAPSHOT_CONFLICT}.
     *
     * <p>A swap whose answer was lost may have landed, and the client's retry of it then fails its
     * precondition against its own write. So on a failed precondition, and on a transient failure,
     * the pointer is read back: if it names {@code id}, the swap is this one's and succeeded; if it
     * is still the expected version after a transient failure, the swap is tried again. (Snapshot
     * ids are unique to their writer in practice; the manifest, created only if absent and compared
     * by content, settles the one-in-a-billion collision.)
     */
    public String swap(String expectedEtag, String id, String what) {
        PutMode mode = expectedEtag == null ? PutMode.CREATE : PutMode.ifMatch(expectedEtag);
        byte[] body = id.getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            LodeException failure;
            try {
                return store.put(key, body, mode);
            } catch (LodeException e) {
                failure = e;
            }
            boolean moved = failure.code() == ErrorCode.PATH_EXISTS || failure.code() == ErrorCode.PRECONDITION_FAILED;
            if (!moved && !failure.retryable()) {
                throw failure;
            }
            Seen now;
            try {
                now = Retries.retried(this::read);
            } catch (LodeException unreadable) {
                failure.addSuppressed(unreadable);
                throw moved ? conflict(what, failure) : failure;
            }
            if (id.equals(now.id()) && now.etag() != null) {
                return now.etag();
            }
            boolean unchanged = Objects.equals(now.etag(), expectedEtag);
            if (moved || !unchanged) {
                throw conflict(what, failure);
            }
            if (attempt >= Retries.ATTEMPTS) {
                throw failure;
            }
            Retries.backOff(attempt);
        }
    }

    private static LodeException conflict(String what, LodeException cause) {
        return new LodeException(ErrorCode.SNAPSHOT_CONFLICT, "another writer committed to " + what
                + " since its head was read; nothing was committed. Call latest() to see the new head, rebuild or merge"
                + " your change on top of it, and write again", cause);
    }

    /**
     * Best effort: points a stale or missing pointer at {@code id}, the head a scan found, unless a
     * writer moved it in the meantime. Failures are ignored: the pointer is only a hint, and a
     * read-only store must still be readable.
     */
    public void heal(Seen seen, String id) {
        try {
            swap(seen.etag(), id, key);
        } catch (LodeException ignored) {
            // the next reader scans again, or a writer moves the pointer
        }
    }
}
