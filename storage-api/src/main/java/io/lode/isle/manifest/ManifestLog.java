package io.lode.isle.manifest;

import io.lode.internal.ParallelRequests;
import io.lode.internal.Retries;
import io.lode.ErrorCode;
import io.lode.isle.GcOptions;
import io.lode.isle.IsleOptions;
import io.lode.isle.ManifestStorage;
import io.lode.LodeException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A database's manifest log, and the protocol of docs/isle-protocol.md: the create-only log entry
 * is the commit, {@code CURRENT} is a monotonic hint, readers probe forward, committers fence each
 * other per role.
 *
 * <p>Reading: {@link #open} reads CURRENT, the snapshot it names, and every entry after it until
 * the first missing one; {@link #refresh} probes on from there (one read when nothing is new).
 *
 * <p>Committing: {@link #claim} makes this log the committer of a role, with an epoch above every
 * earlier claim of the role; {@link #commit} then creates the entry at the next position. When the
 * position is taken, the entry there is read and applied, and the commit moves on; if that entry
 * was a newer claim of this role, the commit fails with {@code FENCED} instead. A commit that hits
 * a transient failure is retried with the same bytes, and a committer that finds its own nonce at
 * the position knows its earlier attempt landed. Every {@code snapshotEvery} entries a committer
 * writes a snapshot, and every {@code currentEvery} commits (and on claims, snapshots and close)
 * it moves CURRENT forward.
 *
 * <p>Log entries below the newest snapshot are deleted by the garbage collector once that snapshot
 * has been in CURRENT for its grace period (at least {@link #RECHECK_AFTER} twice over). So a
 * missing entry means "not yet committed" only for a log that looked at the log recently: when
 * the last missing entry it saw is older than {@link #RECHECK_AFTER}, a missing entry is checked
 * against CURRENT, and a snapshot beyond this log's position is loaded instead (docs/isle-protocol.md,
 * "Reading: replay and refresh"). A committer makes the same check before it commits, so it never
 * re-creates a deleted position.
 *
 * <p>Thread-safe: calls are serialised.
 */
public final class ManifestLog implements AutoCloseable {
    /** Bounds the loop of a commit that keeps meeting entries of the other roles. */
    private static final int MAX_COLLISIONS = 10_000;
    /**
     * How long a missing entry seen by this log stays proof that it is at the end of the log: half
     * the shortest grace period of the garbage collector, which leaves the other half for clock
     * skew between hosts. Derived from {@link GcOptions#MIN_GRACE_PERIOD}, so the two cannot drift.
     */
    public static final Duration RECHECK_AFTER = GcOptions.MIN_GRACE_PERIOD.dividedBy(2);
    /** The most log entries one probe reads at once. */
    static final int MAX_READ_AHEAD = 32;
    /**
     * Entries an open reads past the end CURRENT gives, with the snapshot: CURRENT moves every
     * {@code currentEvery} commits, so a live writer is usually a few entries past it.
     */
    static final int HINT_READ_AHEAD = 4;
    /** The most entries after the snapshot an open reads at once on CURRENT's word. */
    static final int MAX_HINTED_ENTRIES = 1024;

    private final ManifestStorage storage;
    private final int snapshotEvery;
    private final int currentEvery;
    private final InstantSource clock;

    private ManifestState state;
    /** When this log last saw the end of the log (a missing entry, or CURRENT), in clock millis. */
    private long confirmedAt;
    private CurrentHint current;
    private String currentTag;
    private int commitsSinceCurrent;

    private Role role;
    private long epoch;
    private String owner;
    private LogEntry inDoubt;

    private ManifestLog(ManifestStorage storage, int snapshotEvery, int currentEvery, InstantSource clock) {
        this.storage = storage;
        this.snapshotEvery = snapshotEvery;
        this.currentEvery = currentEvery;
        this.clock = clock;
    }

    /**
     * Opens the log and replays it to its end.
     *
     * @param snapshotEvery write a snapshot after this many entries (default 64)
     * @param currentEvery move CURRENT after this many commits (default 16)
     */
    public static ManifestLog open(ManifestStorage storage, int snapshotEvery, int currentEvery) {
        return open(storage, snapshotEvery, currentEvery, InstantSource.system());
    }

    /**
     * Opens the log and replays it to its end.
     *
     * @param clock tells the age of this log's last look at the end of the log
     */
    public static ManifestLog open(ManifestStorage storage, int snapshotEvery, int currentEvery, InstantSource clock) {
        if (snapshotEvery < 1 || currentEvery < 1) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "snapshotEvery and currentEvery must be at least 1");
        }
        ManifestLog log = new ManifestLog(storage, snapshotEvery, currentEvery, clock);
        log.load();
        return log;
    }

    /**
     * Opens the log with the database's snapshot and CURRENT cadence and clock, and claims
     * {@code role} for a new owner ({@code <role>-<random UUID>}): how the writer and the
     * compactors start, fencing any earlier claimant of their role.
     */
    public static ManifestLog openClaimed(ManifestStorage storage, IsleOptions isle, Role role) {
        ManifestLog log = open(storage, isle.snapshotEvery(), isle.currentEvery(), isle.clock());
        log.claim(role, role.json() + "-" + UUID.randomUUID());
        return log;
    }

    /** Opens the log with the default cadence (a snapshot every 64 entries, CURRENT every 16 commits). */
    public static ManifestLog open(ManifestStorage storage) {
        return open(storage, 64, 16);
    }

    /** The epoch of this log's claim ({@link #claim}), or 0 before it claims. */
    public synchronized long epoch() {
        return epoch;
    }

    /** The state as of the last entry read. */
    public synchronized ManifestState state() {
        return state;
    }

    /** Reads entries committed since the last read; returns whether there were any. */
    public synchronized boolean refresh() {
        long before = state.logSeq();
        probe();
        return state.logSeq() != before;
    }

    // --------------------------------------------------------------------------------- reading

    /**
     * CURRENT, then in one round trip the snapshot it names and every entry it says follows
     * ({@link #replayFromHint}), then the probe from there.
     */
    private void load() {
        state = ManifestState.EMPTY;
        current = CurrentHint.of(state, null, 0);
        readCurrent();
        if (replayFromHint()) {
            return;
        }
        if (current.snapshotId() != null) {
            try {
                state = readSnapshot(storage, current);
            } catch (LodeException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
                // Collected between the two reads: only once CURRENT named a newer one for a grace period.
                readCurrent();
                state = readSnapshot(storage, current);
            }
        }
        probe(1);
    }

    /**
     * Reads at once the snapshot CURRENT names, the entries CURRENT says follow it, and
     * {@link #HINT_READ_AHEAD} more, so an open costs two round trips where the log is as CURRENT
     * describes it; then probes on if the last of them was there. Returns false, having changed
     * nothing, if the snapshot was collected since CURRENT was read: the caller starts over.
     */
    private boolean replayFromHint() {
        long base = current.snapshotSeq();
        long last = Math.max(current.nextSeqHint() - 1, base) + HINT_READ_AHEAD;
        last = Math.min(last, base + MAX_HINTED_ENTRIES);
        List<Long> seqs = new ArrayList<>();
        for (long seq = base; seq <= last; seq++) {
            seqs.add(seq);
        }
        String snapshotId = current.snapshotId();
        List<Optional<byte[]>> read;
        try {
            read = ParallelRequests.map(seqs, seq -> seq == base
                    ? (snapshotId == null ? Optional.<byte[]>empty() : Optional.of(Retries.retried(() -> storage.readSnapshot(snapshotId))))
                    : Retries.retried(() -> storage.readLogEntry(seq)));
        } catch (LodeException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
        if (snapshotId != null) {
            ManifestState snapshot = ManifestCodec.decodeSnapshot(read.get(0).orElseThrow(), "manifest snapshot " + snapshotId);
            checkCovers(snapshot, current);
            state = snapshot;
        }
        for (int i = 1; i < read.size(); i++) {
            Optional<byte[]> bytes = read.get(i);
            if (bytes.isEmpty()) {
                return true; // the end of the log, seen just after CURRENT was read
            }
            long seq = base + i;
            state = state.apply(ManifestCodec.decodeLogEntry(bytes.get(), storage.describeLogEntry(seq), seq));
        }
        probe(2 * HINT_READ_AHEAD);
        return true;
    }

    /** Reads CURRENT, if it exists, into {@link #current}; its time confirms this log's position. */
    private void readCurrent() {
        long before = clock.millis();
        Optional<ManifestStorage.Versioned> c = Retries.retried(storage::readCurrent);
        if (c.isPresent()) {
            current = ManifestCodec.decodeCurrent(c.get().bytes(), DatabaseLayout.CURRENT);
            currentTag = c.get().tag();
        }
        confirmedAt = before;
    }

    /**
     * The snapshot {@code hint} names, checked against the position the hint gives it.
     *
     * @throws LodeException {@code NOT_FOUND} if it was deleted (then CURRENT names a newer one)
     */
    public static ManifestState readSnapshot(ManifestStorage storage, CurrentHint hint) {
        String id = hint.snapshotId();
        ManifestState snapshot = ManifestCodec.decodeSnapshot(Retries.retried(() -> storage.readSnapshot(id)), "manifest snapshot " + id);
        checkCovers(snapshot, hint);
        return snapshot;
    }

    private static void checkCovers(ManifestState snapshot, CurrentHint hint) {
        if (snapshot.logSeq() != hint.snapshotSeq()) {
            throw new LodeException(ErrorCode.CORRUPTION, "manifest snapshot " + hint.snapshotId() + " covers log entry "
                    + snapshot.logSeq() + " but CURRENT says " + hint.snapshotSeq());
        }
    }

    /**
     * Applies entries from the next position until one is missing. A missing entry is the end of
     * the log if this log saw the end within {@link #RECHECK_AFTER}; otherwise it may have been
     * collected, and CURRENT tells: a snapshot beyond this position is loaded and probed on from.
     *
     * <p>Entries are read in windows that double while every entry of one is there (1, 2, 4, up to
     * {@link #MAX_READ_AHEAD}), each window's reads at once: a reader far behind catches up in a
     * few round trips instead of one per entry, and an idle probe is still one read.
     */
    private void probe() {
        probe(1);
    }

    /** {@link #probe()}, starting with a window of {@code window} entries. */
    private void probe(int window) {
        while (true) {
            long first = state.logSeq() + 1;
            long before = clock.millis();
            List<Long> seqs = new ArrayList<>(window);
            for (int i = 0; i < window; i++) {
                seqs.add(first + i);
            }
            List<Optional<byte[]>> read = ParallelRequests.map(seqs, seq -> Retries.retried(() -> storage.readLogEntry(seq)));
            int applied = 0;
            for (Optional<byte[]> bytes : read) {
                if (bytes.isEmpty()) {
                    break; // an entry after a missing one is not read past: the log ends, or CURRENT says where it goes on
                }
                long seq = first + applied;
                state = state.apply(ManifestCodec.decodeLogEntry(bytes.get(), storage.describeLogEntry(seq), seq));
                applied++;
            }
            if (applied == window) {
                window = Math.min(2 * window, MAX_READ_AHEAD);
                continue;
            }
            // Entry first + applied was missing when read, after {@code before}: the end, unless stale.
            if (before - confirmedAt <= RECHECK_AFTER.toMillis()) {
                confirmedAt = before;
                return;
            }
            readCurrent();
            if (current.snapshotSeq() <= state.logSeq()) {
                return;
            }
            state = readSnapshot(storage, current); // the entries up to it were collected
        }
    }

    /** Whether this log's last look at the end of the log is too old to commit behind. */
    private boolean stale() {
        return clock.millis() - confirmedAt > RECHECK_AFTER.toMillis();
    }

    // ------------------------------------------------------------------------------ committing

    /**
     * Makes this log the committer of {@code role}: commits a claim whose epoch is one above the
     * highest claim of the role so far. From then on, entries of earlier claimants are ignored.
     *
     * @return the claimed epoch
     */
    public synchronized long claim(Role role, String owner) {
        resolveInDoubt();
        if (stale()) {
            probe(); // a claim at a taken position reads what is there and goes on, so a fresh look suffices
        }
        for (int i = 0; i < MAX_COLLISIONS; i++) {
            long next = state.epoch(role) + 1;
            LogEntry claim = entry(role, next, owner, new LogOp.FenceClaim(), OptionalLong.empty(), OptionalLong.empty());
            if (append(claim)) {
                this.role = role;
                this.epoch = next;
                this.owner = owner;
                moveCurrent(current.snapshotId(), current.snapshotSeq());
                return next;
            }
        }
        throw new LodeException(ErrorCode.FENCE_CONFLICT, "could not claim the " + role.json()
                + " role: the log kept moving; reopen and try again");
    }

    /**
     * Commits {@code op} at the next free position.
     *
     * @return the committed entry
     * @throws LodeException {@code FENCED} if a newer claimant of this role committed first;
     *     {@code IO} if the store kept failing, in which case the entry may or may not have been
     *     committed: {@link #resolveInDoubt()} tells
     */
    public synchronized LogEntry commit(LogOp op, OptionalLong maxCommittedLsn, OptionalLong lowWatermarkLsn) {
        return commitIfApplicable(op, maxCommittedLsn, lowWatermarkLsn).orElseThrow(() -> new LodeException(
                ErrorCode.PRECONDITION_FAILED, "the " + op.name() + " entry names tables that are no longer in the database"));
    }

    /**
     * Commits {@code op} at the next free position unless, by then, replay would ignore it because a
     * table or run it removes is gone ({@link ManifestState#applies}): another role's entry below it
     * removed one first. The check is made against the state of every entry below the position it
     * is created at, which is exactly what replay applies it to, so committer and readers agree.
     *
     * @return the committed entry, or empty if it was not committed because it no longer applies
     * @throws LodeException as {@link #commit}
     */
    public synchronized Optional<LogEntry> commitIfApplicable(LogOp op, OptionalLong maxCommittedLsn,
            OptionalLong lowWatermarkLsn) {
        if (role == null) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "claim a role before committing");
        }
        resolveInDoubt();
        if (stale()) {
            probe(); // never commit at a position that may have been collected
        }
        for (int i = 0; i < MAX_COLLISIONS; i++) {
            if (state.epoch(role) > epoch) {
                Fence f = state.fences().get(role);
                throw new LodeException(ErrorCode.FENCED, "this " + role.json() + " (epoch " + epoch + ", " + owner
                        + ") was fenced by " + f.owner() + " (epoch " + f.epoch() + "); its change was not committed");
            }
            LogEntry entry = entry(role, epoch, owner, op, maxCommittedLsn, lowWatermarkLsn);
            if (!state.applies(entry)) {
                // Judged against what this log has read so far, which may be behind: only at the
                // end of the log is "no longer applies" final.
                long seen = state.logSeq();
                probe();
                if (state.logSeq() == seen) {
                    return Optional.empty();
                }
                continue;
            }
            if (append(entry)) {
                afterCommit();
                return Optional.of(entry);
            }
        }
        throw new LodeException(ErrorCode.FENCE_CONFLICT, "the log kept moving during " + MAX_COLLISIONS + " attempts to commit");
    }

    /**
     * Settles a commit that failed with an unknown outcome: reads its position and applies what is
     * there. Returns the entry if it was committed after all.
     */
    public synchronized Optional<LogEntry> resolveInDoubt() {
        if (inDoubt == null) {
            return Optional.empty();
        }
        LogEntry doubt = inDoubt;
        probe();
        inDoubt = null;
        if (state.logSeq() < doubt.seq()) {
            return Optional.empty(); // nothing was committed at its position: it never landed
        }
        byte[] there = Retries.retried(() -> storage.readLogEntry(doubt.seq())).orElseThrow(() -> new LodeException(ErrorCode.IO,
                "the outcome of the commit at " + storage.describeLogEntry(doubt.seq()) + " stays unknown: its position was"
                + " collected while it was in doubt; reopen to see what the log holds", null, false));
        LogEntry found = ManifestCodec.decodeLogEntry(there, storage.describeLogEntry(doubt.seq()), doubt.seq());
        return found.nonce().equals(doubt.nonce()) ? Optional.of(found) : Optional.empty();
    }

    private LogEntry entry(Role r, long e, String who, LogOp op, OptionalLong maxLsn, OptionalLong lowLsn) {
        return new LogEntry(state.logSeq() + 1, r, e, who, UUID.randomUUID().toString(), ManifestCodec.now(), op, maxLsn, lowLsn);
    }

    /**
     * Creates the entry at its position. Returns true if it is committed there (now or by an
     * earlier attempt of this call), false if another committer's entry holds the position; that
     * entry is applied either way.
     */
    private boolean append(LogEntry entry) {
        byte[] json = ManifestCodec.encode(entry);
        LodeException last = null;
        for (int attempt = 0; attempt < Retries.ATTEMPTS; attempt++) {
            try {
                storage.createLogEntry(entry.seq(), json);
                state = state.apply(entry);
                return true;
            } catch (LodeException e) {
                if (e.code() == ErrorCode.PATH_EXISTS) {
                    LogEntry there = readTaken(entry.seq());
                    state = state.apply(there);
                    return there.nonce().equals(entry.nonce());
                }
                if (!e.retryable()) {
                    inDoubt = entry;
                    throw e;
                }
                last = e;
                Retries.backOff(attempt);
            }
        }
        inDoubt = entry;
        throw new LodeException(ErrorCode.IO, "could not commit to " + storage.describeLogEntry(entry.seq()) + " after "
                + Retries.ATTEMPTS + " attempts; the outcome is unknown until resolveInDoubt(): " + last.getMessage(), last, true);
    }

    private LogEntry readTaken(long seq) {
        byte[] bytes = Retries.retried(() -> storage.readLogEntry(seq)).orElseThrow(() -> new LodeException(ErrorCode.CORRUPTION,
                storage.describeLogEntry(seq) + " was reported to exist but cannot be read"));
        return ManifestCodec.decodeLogEntry(bytes, storage.describeLogEntry(seq), seq);
    }

    // ---------------------------------------------------------------------- snapshots, CURRENT

    private void afterCommit() {
        commitsSinceCurrent++;
        if (state.logSeq() - current.snapshotSeq() >= snapshotEvery) {
            writeSnapshot();
        } else if (commitsSinceCurrent >= currentEvery) {
            moveCurrent(current.snapshotId(), current.snapshotSeq());
        }
    }

    /** A snapshot only shortens cold opens: a failure to write one leaves the next commit to try. */
    private void writeSnapshot() {
        String id = String.format("%020d", state.logSeq()) + SNAPSHOT_ID_SEPARATOR + UUID.randomUUID().toString().substring(0, 8);
        try {
            storage.createSnapshot(id, ManifestCodec.encode(state));
        } catch (LodeException e) {
            return;
        }
        moveCurrent(id, state.logSeq());
    }

    /**
     * Moves CURRENT forward to describe this log's state. A conflicting writer's CURRENT is read and
     * merged field by field (each only moves forward). CURRENT is a hint, so giving up is harmless.
     */
    private void moveCurrent(String snapshotId, long snapshotSeq) {
        CurrentHint next = CurrentHint.of(state, snapshotId, snapshotSeq).mergedWith(current);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                currentTag = storage.writeCurrent(ManifestCodec.encode(next), currentTag);
                current = next;
                commitsSinceCurrent = 0;
                return;
            } catch (LodeException e) {
                if (e.code() != ErrorCode.PRECONDITION_FAILED && e.code() != ErrorCode.PATH_EXISTS) {
                    return;
                }
                try {
                    Optional<ManifestStorage.Versioned> remote = storage.readCurrent();
                    currentTag = remote.map(ManifestStorage.Versioned::tag).orElse(null);
                    if (remote.isPresent()) {
                        next = next.mergedWith(ManifestCodec.decodeCurrent(remote.get().bytes(), DatabaseLayout.CURRENT));
                    }
                } catch (LodeException unreadable) {
                    return;
                }
            }
        }
    }

    private static final String SNAPSHOT_ID_SEPARATOR = "-";

    /**
     * The log position a snapshot id written by this class covers ({@code <20-digit seq>-<random>}),
     * or -1 for an id of another form.
     */
    public static long snapshotSeqOf(String id) {
        int dash = id.indexOf(SNAPSHOT_ID_SEPARATOR);
        if (dash != 20) {
            return -1;
        }
        try {
            return Long.parseLong(id, 0, dash, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Moves CURRENT to this committer's position; called by the owner when it closes. */
    @Override
    public synchronized void close() {
        if (role != null && current.nextSeqHint() <= state.logSeq()) {
            moveCurrent(current.snapshotId(), current.snapshotSeq());
        }
    }
}
