package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import io.lode.core.memtable.Memtable;
import io.lode.sst.InternalKey;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.OptionalLong;
import io.lode.isle.CommittedLsnExtractor;
import java.time.InstantSource;

/**
 * One frozen memtable turned into SST bytes and the metadata the manifest records of them. Every
 * version of every key goes into the table: readers take the highest sequence number.
 *
 * @param meta what the manifest will say of the table, with the smallest and largest LSN among its
 *     keys when an extractor was given and any key is one
 * @param bytes the table
 */
record SstBuild(SstMeta meta, MemorySegment bytes) {
    static SstBuild of(Memtable memtable, String id, int blockBytes, CommittedLsnExtractor lsns, InstantSource clock) {
        // A memtable's arena holds towers and node headers besides the keys and values, and the
        // table is compressed: half of it is a generous first guess (the buffer grows if it is not),
        // where the whole arena size made every flush zero a buffer twice too large.
        SstBuilder builder = new SstBuilder(id, blockBytes, memtable.allocatedBytes() / 2, clock);
        LsnRange range = new LsnRange(lsns);
        memtable.forEachInOrder((internalKey, value) -> {
            builder.add(internalKey, value);
            range.see(internalKey);
        });
        SstBuilder.Built built = builder.finish();
        return new SstBuild(built.meta().withLsns(range.min, range.max), built.bytes());
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
    }
}
