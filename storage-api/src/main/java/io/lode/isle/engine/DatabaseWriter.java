package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.core.key.EntryKind;
import io.lode.core.memtable.Memtable;
import io.lode.internal.Require;
import io.lode.internal.Retries;
import io.lode.isle.CommitInfo;
import io.lode.isle.IsleOptions;
import io.lode.isle.IsleWriter;
import io.lode.isle.ManifestStorage;
import io.lode.isle.UncommittedWritesException;
import io.lode.isle.WriterOptions;
import io.lode.isle.background.BackgroundLoop;
import io.lode.isle.blob.BlobStore;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.isle.manifest.LogEntry;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.Role;
import io.lode.isle.manifest.SstMeta;
import io.lode.isle.value.StoredValue;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writer of docs/isle-protocol.md. Opening it claims the writer role (fencing the previous
 * writer) and only then derives its sequence numbers (above every table ever published) and SST ids
 * ({@code <epoch>-<counter>}, unique because epochs are). Writes go to the active memtable; a full
 * one is frozen; a flush turns every frozen memtable into one SST, uploads it create-only, and
 * commits them all with one log entry.
 */
public final class DatabaseWriter implements IsleWriter {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final WriterOptions options;
    private final ManifestLog log;
    private final BlobStore blobs;
    private final long epoch;

    /** Guards the memtables and sequence numbers: writes are short, so one lock serves. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Serialises flushes (explicit, background, close). */
    private final ReentrantLock flushLock = new ReentrantLock();
    /** The memtable writes go to; null until the first write after a flush (a new arena is zeroed: not on the flush path). */
    private Memtable active;
    private final ArrayDeque<Memtable> frozen = new ArrayDeque<>();
    /** A flushed memtable, emptied, whose arena the next memtable reuses instead of a new zeroed one. */
    private Memtable spare;
    private long lastSequence;
    /** Every entry up to this sequence number is committed; written under the write lock. */
    private volatile long durableSequence;
    /** Signalled when durableSequence moves, and when the writer is fenced or closed. */
    private final Condition committedMoved = writeLock.newCondition();
    /** Time writes waited for room in the memtables. */
    private final LongAdder stalledNanos = new LongAdder();
    private long sstCounter;
    /** The database's clock: stamps the creation time of the tables it flushes and the expiry of values put with a TTL. */
    private final InstantSource clock;
    private Pending inDoubt;
    private volatile LodeException fenced;
    private volatile boolean closed;
    private final BackgroundLoop flusher;

    /** A flush on its way to the log: its tables uploaded, its memtables kept until it is committed. */
    private record Pending(List<Memtable> memtables, List<SstMeta> tables) {}

    private DatabaseWriter(ObjectStore store, String prefix, WriterOptions options, ManifestLog log, long epoch,
            InstantSource clock) {
        this.store = store;
        this.clock = clock;
        this.layout = new DatabaseLayout(prefix);
        this.options = options;
        this.log = log;
        this.epoch = epoch;
        this.blobs = new BlobStore(store, prefix, 0);
        this.lastSequence = log.state().maxSeq();
        this.durableSequence = lastSequence;
        flusher = options.flushInterval().isZero() ? null
                : BackgroundLoop.start("isle-flush-" + prefix, "the writer's background flush",
                        options.flushInterval(), this::backgroundFlush);
    }

    public static DatabaseWriter open(ObjectStore store, String prefix, ManifestStorage manifests, IsleOptions isle, WriterOptions options) {
        long largestInline = options.maxKeyBytes() + (long) Math.min(options.maxValueBytes(), options.blobThreshold()) + 256;
        if (largestInline >= options.memtableBytes()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a memtable of " + options.memtableBytes()
                    + " bytes cannot hold the longest key and inline value (" + largestInline
                    + " bytes): raise memtableBytes or lower maxKeyBytes or blobThreshold");
        }
        ManifestLog log = ManifestLog.openClaimed(manifests, isle, Role.WRITER);
        return new DatabaseWriter(store, prefix, options, log, log.epoch(), isle.clock());
    }

    // ---------------------------------------------------------------------------------- writes

    @Override
    public long put(byte[] key, byte[] value) {
        return put(segment(key, "key"), segment(value, "value"));
    }

    @Override
    public long put(byte[] key, byte[] value, Duration ttl) {
        return put(segment(key, "key"), segment(value, "value"), ttl);
    }

    @Override
    public long delete(byte[] key) {
        return delete(segment(key, "key"));
    }

    @Override
    public long put(MemorySegment key, MemorySegment value) {
        return write(key, value, 0);
    }

    @Override
    public long put(MemorySegment key, MemorySegment value, Duration ttl) {
        Require.nonNull(ttl, "ttl");
        Require.argument(!ttl.isNegative() && !ttl.isZero(), "ttl must be positive, not " + ttl);
        long expireAt;
        try {
            expireAt = Math.addExact(clock.millis(), ttl.toMillis());
        } catch (ArithmeticException e) {
            expireAt = Long.MAX_VALUE; // further away than a long of milliseconds can say
        }
        return write(key, value, expireAt);
    }

    @Override
    public long delete(MemorySegment key) {
        checkKey(key);
        // A native tombstone: kind DELETE with no value, as RocksDB writes them.
        return insert(key, EntryKind.DELETE, MemorySegment.ofArray(new byte[0]));
    }

    private static MemorySegment segment(byte[] bytes, String what) {
        return MemorySegment.ofArray(Require.nonNull(bytes, what));
    }

    private long write(MemorySegment key, MemorySegment value, long expireAt) {
        checkKey(key);
        Require.nonNull(value, "value");
        checkReadable(value, "value");
        if (value.byteSize() > options.maxValueBytes()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a value of " + value.byteSize() + " bytes exceeds maxValueBytes "
                    + options.maxValueBytes());
        }
        checkUsable();
        // A blob goes up before the entry takes its sequence number, so a failed upload costs none.
        byte[] stored = value.byteSize() >= options.blobThreshold()
                ? StoredValue.blobRef(blobs.put(value.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)), expireAt)
                : StoredValue.inline(value, expireAt);
        return insert(key, EntryKind.SET, MemorySegment.ofArray(stored));
    }

    private void checkKey(MemorySegment key) {
        Require.nonNull(key, "key");
        checkReadable(key, "key");
        if (key.byteSize() == 0) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "keys must not be empty");
        }
        if (key.byteSize() > options.maxKeyBytes()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "a key of " + key.byteSize() + " bytes exceeds maxKeyBytes "
                    + options.maxKeyBytes());
        }
    }

    /** A segment whose arena is closed or confined to another thread cannot be copied from. */
    private static void checkReadable(MemorySegment segment, String what) {
        if (!segment.scope().isAlive()) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the " + what + " segment's arena is closed");
        }
        if (!segment.isAccessibleBy(Thread.currentThread())) {
            throw new LodeException(ErrorCode.INVALID_ARGUMENT, "the " + what
                    + " segment is confined to another thread; pass a copy or a shared segment");
        }
    }

    private long insert(MemorySegment k, EntryKind kind, MemorySegment v) {
        // The entry gets its sequence number and its place in the arena under the lock, which is
        // quick; the search for its place in the list, most of an insert, runs after, so that
        // several writing threads search at once. A flush waits for those links (awaitLinked).
        Memtable memtable;
        long placed;
        long sequence;
        writeLock.lock();
        try {
            checkUsable();
            boolean fresh = false;
            while (true) {
                if (active == null) {
                    active = nextMemtable();
                    fresh = true;
                }
                placed = active.place(k, lastSequence + 1, kind, v);
                if (placed != 0) {
                    sequence = ++lastSequence;
                    memtable = active;
                    break;
                }
                if (fresh) {
                    throw new LodeException(ErrorCode.INVALID_ARGUMENT, "an entry of " + (k.byteSize() + v.byteSize())
                            + " bytes does not fit a memtable of " + options.memtableBytes() + " bytes");
                }
                if (frozen.size() >= options.maxImmutableMemtables()) {
                    awaitRoom(); // may let go of the lock: look at the memtables afresh
                    fresh = false;
                    continue;
                }
                frozen.addLast(active);
                active = nextMemtable();
                fresh = true;
                if (flusher != null) {
                    flusher.wake(); // a full memtable is flushed now, not at the next interval
                }
            }
        } finally {
            writeLock.unlock();
        }
        // Sequence numbers are never reused, so the entry cannot be a duplicate.
        memtable.link(placed);
        return sequence;
    }

    /**
     * Waits, holding the write lock, until a flush leaves room for one more frozen memtable, or
     * fails with {@code BACKPRESSURE} after {@link WriterOptions#stallTimeout()}.
     */
    private void awaitRoom() {
        long start = System.nanoTime();
        try {
            if (!awaitFlush(() -> frozen.size() < options.maxImmutableMemtables(), options.stallTimeout().toNanos(),
                    "a flush to make room for a write")) {
                throw new LodeException(ErrorCode.BACKPRESSURE, frozen.size() + " full memtables are waiting to be flushed"
                        + (options.stallTimeout().isZero() ? "" : " after " + options.stallTimeout().toMillis() + " ms")
                        + "; writes arrive faster than the store takes flushes: slow down and retry, or raise"
                        + " WriterOptions.stallTimeout");
            }
        } finally {
            stalledNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * Waits, holding the write lock (which it lets go of while it waits or flushes), until
     * {@code done} holds or {@code timeoutNanos} pass. Asks for a flush rather than waiting for the
     * next interval: it wakes the background flusher and waits for a commit, or, without one,
     * flushes on this thread, retrying storage failures until the deadline.
     *
     * @return whether {@code done} holds; false if the time ran out first
     * @throws LodeException {@code FENCED} or {@code CLOSED} if the writer ends meanwhile
     */
    private boolean awaitFlush(BooleanSupplier done, long timeoutNanos, String waitingFor) {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            for (int attempt = 0; !done.getAsBoolean(); attempt++) {
                checkUsable();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (flusher != null) {
                    flusher.wake();
                    committedMoved.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } else {
                    writeLock.unlock(); // a flush takes the flush lock first, then this one
                    try {
                        flushNow();
                    } catch (LodeException e) {
                        if (e.code() == ErrorCode.FENCED || e.code() == ErrorCode.CLOSED || !e.retryable()) {
                            throw e;
                        }
                        Retries.backOff(Math.min(attempt, 8)); // the store failed: try again until the deadline
                    } finally {
                        writeLock.lock();
                    }
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LodeException(ErrorCode.IO, "interrupted while waiting for " + waitingFor, e, true);
        }
    }

    @Override
    public Duration stalledTime() {
        return Duration.ofNanos(stalledNanos.sum());
    }

    /** The spare memtable if there is one, else a new one; called under the write lock. */
    private Memtable nextMemtable() {
        Memtable m = spare;
        spare = null;
        return m != null ? m : Memtable.create(options.memtableBytes());
    }

    private void checkUsable() {
        if (fenced != null) {
            throw new LodeException(ErrorCode.FENCED, fenced.getMessage(), fenced);
        }
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this writer is closed");
        }
    }

    // --------------------------------------------------------------------------------- flushes

    @Override
    public CommitInfo flush() {
        checkUsable();
        return flushNow();
    }

    private CommitInfo flushNow() {
        flushLock.lock();
        try {
            if (fenced != null) {
                throw new LodeException(ErrorCode.FENCED, fenced.getMessage(), fenced);
            }
            if (inDoubt != null) {
                settleInDoubt();
            }
            List<Memtable> batch;
            writeLock.lock();
            try {
                if (active != null && !active.isEmpty()) {
                    frozen.addLast(active);
                    active = null;
                }
                batch = new ArrayList<>(frozen);
            } finally {
                writeLock.unlock();
            }
            if (batch.isEmpty()) {
                return new CommitInfo(log.state().logSeq(), List.of(), 0, durableSequence);
            }
            List<SstMeta> tables = new ArrayList<>(batch.size());
            for (Memtable m : batch) {
                tables.add(upload(m).meta());
            }
            return commit(new Pending(batch, tables));
        } finally {
            flushLock.unlock();
        }
    }

    private SstBuild upload(Memtable memtable) {
        String id = epoch + "-" + String.format("%08d", ++sstCounter);
        SstBuild build = SstBuild.of(memtable, id, options.blockBytes(), options.lsnExtractor(), clock);
        store.put(layout.sstKey(id), ObjectBody.of(build.bytes()), PutMode.CREATE);
        return build;
    }

    private CommitInfo commit(Pending pending) {
        LogEntry entry;
        try {
            // The floor is set by the first commit that has one; after that only retention raises it.
            OptionalLong low = log.state().lowWatermarkLsn().isPresent() ? OptionalLong.empty()
                    : SstMeta.lowestLsn(pending.tables());
            entry = log.commit(new LogOp.AddSsts(pending.tables()), SstMeta.highestLsn(pending.tables()), low);
        } catch (LodeException e) {
            // Only a newer writer's claim fences; a log that kept moving (FENCE_CONFLICT) is worth
            // another try, so the flush stays pending like one whose outcome is unknown.
            if (e.code() == ErrorCode.FENCED) {
                fenced = new LodeException(ErrorCode.FENCED, e.getMessage(), e);
                signalWaiters();
                throw fenced;
            }
            inDoubt = pending;
            throw e;
        }
        return published(pending, entry.seq());
    }

    /** A commit that failed with an unknown outcome: learn it, then publish or commit again. */
    private void settleInDoubt() {
        Pending pending = inDoubt;
        Optional<LogEntry> landed = log.resolveInDoubt();
        inDoubt = null;
        if (landed.isPresent()) {
            published(pending, landed.get().seq());
        } else {
            commit(pending); // the tables are uploaded already: only the entry is missing
        }
    }

    private CommitInfo published(Pending pending, long logSeq) {
        long entries = 0;
        long maxSeq = durableSequence;
        List<String> ids = new ArrayList<>();
        for (SstMeta t : pending.tables()) {
            entries += t.entries();
            maxSeq = Math.max(maxSeq, t.seqHi());
            ids.add(t.id());
        }
        writeLock.lock();
        try {
            for (Memtable m : pending.memtables()) {
                frozen.remove(m);
                if (spare == null) {
                    m.reset(); // nothing reads a flushed memtable any more: its SST is built
                    spare = m;
                } else {
                    m.close();
                }
            }
            durableSequence = maxSeq;
            committedMoved.signalAll();
        } finally {
            writeLock.unlock();
        }
        return new CommitInfo(logSeq, ids, entries, maxSeq);
    }

    @Override
    public long committedSequence() {
        return durableSequence;
    }

    @Override
    public boolean awaitCommitted(long sequence, Duration timeout) {
        Require.nonNull(timeout, "timeout");
        writeLock.lock();
        try {
            if (sequence > lastSequence) {
                throw new LodeException(ErrorCode.INVALID_ARGUMENT, "sequence number " + sequence
                        + " was never returned by this writer; the highest so far is " + lastSequence);
            }
            return awaitFlush(() -> durableSequence >= sequence, Math.max(0, timeout.toNanos()),
                    "sequence " + sequence + " to be committed");
        } finally {
            writeLock.unlock();
        }
    }

    private void signalWaiters() {
        writeLock.lock();
        try {
            committedMoved.signalAll();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A background flush. Fencing stops the writer (every call now fails with FENCED); other failures
     * keep their memtables for the next flush, which retries them.
     */
    private void backgroundFlush() {
        if (!closed && fenced == null) {
            flushNow();
        }
    }

    // ----------------------------------------------------------------------------------- close

    /**
     * Flushes what is left (retrying storage failures a few times), then releases the memtables; a
     * fenced writer only releases. What could not be committed is named in the failure.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (flusher != null) {
            flusher.stop(Duration.ofSeconds(30));
        }
        LodeException failure = null;
        if (fenced == null) {
            try {
                Retries.retried(this::flushNow);
                log.close();
            } catch (LodeException e) {
                failure = e;
            }
        }
        long uncommittedFrom = durableSequence + 1;
        long uncommittedTo;
        writeLock.lock();
        try {
            closed = true;
            // No entry is placed any more (that takes this lock); wait for the links under way.
            if (active != null) {
                active.awaitLinked();
                active.close();
            }
            if (spare != null) {
                spare.close();
            }
            frozen.forEach(Memtable::awaitLinked);
            frozen.forEach(Memtable::close);
            frozen.clear();
            uncommittedTo = lastSequence;
            committedMoved.signalAll();
        } finally {
            writeLock.unlock();
        }
        if (uncommittedTo >= uncommittedFrom) {
            LodeException cause = failure != null ? failure : fenced;
            throw new UncommittedWritesException(cause == null ? ErrorCode.IO : cause.code(), uncommittedFrom, uncommittedTo, cause);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
