package io.lode.isle.engine;

import io.lode.core.memtable.Memtable;
import io.lode.core.memtable.OrderedEntries;
import io.lode.isle.CommittedLsnExtractor;
import io.lode.isle.manifest.SstMeta;
import io.lode.sst.format.InternalKey;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One frozen memtable turned into SST bytes and the metadata the manifest records of them. Every
 * version of every key goes into the table: readers take the highest sequence number.
 *
 * @param meta what the manifest will say of the table, with the smallest and largest LSN among its
 *     keys when an extractor was given and any key is one
 * @param bytes the table
 */
record SstBuild(SstMeta meta, MemorySegment bytes) {
    /**
     * Below this many entries a flush builds its table on one thread: the second half would take
     * less time than handing it over costs.
     */
    static final int PARALLEL_MIN_ENTRIES = 20_000;

    static SstBuild of(Memtable memtable, String id, int blockBytes, CommittedLsnExtractor lsns, InstantSource clock) {
        // The memtable is frozen, but entries placed in it before may still be being linked.
        memtable.awaitLinked();
        OrderedEntries entries = memtable.inOrder();
        int count = entries.size();
        // A memtable's arena holds towers and node headers besides the keys and values, and the
        // table is compressed: half of it is a generous first guess (the buffer grows if it is not),
        // where the whole arena size made every flush zero a buffer twice too large.
        long expectedBytes = memtable.allocatedBytes() / 2;
        ExecutorService helpers = BuildThreads.partBuilders();
        int split = helpers != null && count >= PARALLEL_MIN_ENTRIES ? count / 2 : count;
        // Two builders keep two cores busy: each seals its own blocks (measured: a sealing thread
        // beside them made both halves slower than one builder with it).
        SstBuilder builder = new SstBuilder(id, blockBytes, expectedBytes, clock,
                split < count ? null : BuildThreads.sealers());
        LsnRange range = new LsnRange(lsns);
        Future<SstBuilder> later = null;
        LsnRange laterRange = new LsnRange(lsns);
        if (split < count) {
            // The second half is built on a helper thread while this one builds the first; the
            // table is then one ordinary table (SstPart).
            later = helpers.submit(() -> {
                SstBuilder part = SstBuilder.forPart(blockBytes, expectedBytes / 2);
                entries.forEach(split, count, (internalKey, value) -> {
                    part.add(internalKey, value);
                    laterRange.see(internalKey);
                });
                part.finishPart();
                return part;
            });
        }
        try {
            entries.forEach(0, split, (internalKey, value) -> {
                builder.add(internalKey, value);
                range.see(internalKey);
            });
        } catch (RuntimeException | Error e) {
            // Never return (and let the caller free the memtable) while the helper still reads it.
            if (later != null) {
                try {
                    join(later);
                } catch (RuntimeException | Error helperFailure) {
                    e.addSuppressed(helperFailure);
                }
            }
            throw e;
        }
        if (later != null) {
            builder.append(join(later));
            range.extend(laterRange);
        }
        SstBuilder.Built built = builder.finish();
        return new SstBuild(built.meta().withLsns(range.min, range.max), built.bytes());
    }

    private static SstBuilder join(Future<SstBuilder> part) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return part.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the helper reads the memtable: wait for it all the same
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("building the second half of a table failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The smallest and largest LSN among the keys of a flush, if an extractor was given. */
    private static final class LsnRange {
        private final CommittedLsnExtractor lsns;
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();

        LsnRange(CommittedLsnExtractor lsns) {
            this.lsns = lsns;
        }

        void see(MemorySegment internalKey) {
            if (lsns == null) {
                return;
            }
            byte[] userKey = internalKey.asSlice(0, internalKey.byteSize() - InternalKey.TRAILER_BYTES)
                    .toArray(ValueLayout.JAVA_BYTE);
            OptionalLong lsn = lsns.lsnOf(userKey);
            if (lsn.isPresent()) {
                // keys arrive in ascending order and the extractor preserves it
                min = min.isPresent() ? min : lsn;
                max = lsn;
            }
        }

        /** Takes in the range of the keys that follow those seen here. */
        void extend(LsnRange later) {
            min = min.isPresent() ? min : later.min;
            max = later.max.isPresent() ? later.max : max;
        }
    }
}
