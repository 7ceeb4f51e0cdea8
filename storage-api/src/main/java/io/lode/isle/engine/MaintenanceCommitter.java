package io.lode.isle.engine;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.background.FailureLog;
import io.lode.isle.background.MaintenanceLoop;
import io.lode.isle.gc.DatabaseGarbageCollector;
import io.lode.isle.manifest.LogEntry;
import io.lode.isle.manifest.LogOp;
import io.lode.isle.manifest.ManifestLog;
import io.lode.isle.manifest.ManifestState;
import io.lode.isle.manifest.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the merge compactor and the retention compactor share: a claimed role in the manifest log,
 * which only a newer claim of the same role fences (the other roles' entries are skipped past), and
 * passes run on demand or in the background, each ending with a garbage-collection pass. A fenced
 * committer fails every call with {@code FENCED} and its background passes stop; any other failure
 * is retried at the next pass. Passes and {@link #start()} synchronise on the committer.
 */
abstract class MaintenanceCommitter {
    final ManifestLog log;
    private final Role role;
    private final long epoch;
    /** What it is called in messages: "compactor", "retention compactor". */
    private final String name;
    private final MaintenanceLoop background;
    /** The garbage collection each pass ends with (its options may turn it off). */
    private final DatabaseGarbageCollector gc;
    private volatile LodeException fenced;
    private volatile boolean closed;
    /** Failures of the collection after a pass, which do not fail the pass. */
    private final FailureLog collections;
    /** Failures of the listener, which never fail anything. */
    private final FailureLog listenerCalls;

    MaintenanceCommitter(ManifestLog log, Role role, long epoch, String name, String threadName, Duration interval,
            DatabaseGarbageCollector gc) {
        this.log = log;
        this.gc = gc;
        this.role = role;
        this.epoch = epoch;
        this.name = name;
        this.collections = new FailureLog("the garbage collection after a pass of the " + name + " (thread " + threadName + ")");
        this.listenerCalls = new FailureLog("a listener of the " + name + " (thread " + threadName + ")");
        this.background = new MaintenanceLoop(threadName, "the " + name, interval, () -> {
            if (!closed && fenced == null) {
                backgroundPass();
            }
        });
    }

    /** The claimed epoch (compaction outputs are named by it). */
    final long epoch() {
        return epoch;
    }

    /**
     * The start of a pass: settles a commit whose outcome was unknown (if it did not land, the pass
     * works afresh), reads the log on, and fails with {@code FENCED} if a newer claimant of the role
     * appeared, before any work that could then only make orphans.
     */
    final ManifestState latestState() {
        checkUsable();
        log.resolveInDoubt();
        log.refresh();
        ManifestState state = log.state();
        if (state.epoch(role) > epoch) {
            fenced = new LodeException(ErrorCode.FENCED, "this " + name + " (epoch " + epoch + ") was fenced by "
                    + state.fences().get(role).owner() + " (epoch " + state.epoch(role) + ")");
            throw fenced;
        }
        return state;
    }

    /**
     * Commits {@code op} unless it no longer applies ({@link ManifestLog#commitIfApplicable}). Only a
     * newer claim of this role fences; a log that kept moving ({@code FENCE_CONFLICT}) is retried by
     * the next pass.
     */
    final Optional<LogEntry> commitIfApplicable(LogOp op, OptionalLong lowWatermarkLsn) {
        try {
            return log.commitIfApplicable(op, OptionalLong.empty(), lowWatermarkLsn);
        } catch (LodeException e) {
            if (e.code() == ErrorCode.FENCED) {
                fenced = e;
            }
            throw e;
        }
    }

    /**
     * The end of a pass: a garbage-collection pass, after the pass's commit so what it removed is
     * marked at once. The collector follows the log itself, so a crash between the two loses
     * nothing: the next pass (of any collector) marks it. For the same reason a failed collection
     * does not fail the pass, whose commit stands: it is logged, the collector told its listener
     * ({@code GcListener.failed}), and the next pass collects what this one left.
     *
     * @return {@code result}, the pass's own
     */
    final <T> T collectAfter(T result) {
        try {
            gc.runOnce();
            collections.succeeded();
        } catch (RuntimeException e) {
            collections.failed(e, "the next pass collects what it left");
        }
        return result;
    }

    /** Runs a listener call; what it throws is logged, never thrown: observing a pass never fails it. */
    final void tell(Runnable call) {
        listenerCalls.guard(call);
    }

    private void checkUsable() {
        if (fenced != null) {
            throw new LodeException(ErrorCode.FENCED, fenced.getMessage(), fenced);
        }
        if (closed) {
            throw new LodeException(ErrorCode.CLOSED, "this " + name + " is closed");
        }
    }

    /** Whether this committer learned that a newer one claimed its role. */
    public boolean isFenced() {
        return fenced != null;
    }

    // ------------------------------------------------------------------------------ background

    /** One background pass; what it throws is retried after the next interval. */
    abstract void backgroundPass();

    public synchronized void start() {
        checkUsable();
        background.start();
    }

    public void stop() {
        background.stop();
    }

    public void close() {
        if (closed) {
            return;
        }
        stop();
        synchronized (this) {
            closed = true;
            log.close();
            gc.close();
        }
    }
}
