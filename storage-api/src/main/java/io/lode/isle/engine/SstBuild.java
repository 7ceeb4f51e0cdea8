package io.lode.isle.engine;

import io.lode.isle.manifest.SstMeta;
import io.lode.core.memtable.Memtable;
import io.lode.core.memtable.MemtableIterator;
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
        SstBuilder builder = new SstBuilder(id, blockBytes, memtable.allocatedBytes(), clock);
        OptionalLong minLsn = OptionalLong.empty();
        OptionalLong maxLsn = OptionalLong.empty();
        MemtableIterator it = memtable.iterator();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            builder.add(it.internalKey(), it.value());
            if (lsns != null) {
                OptionalLong lsn = lsns.lsnOf(it.userKey().toArray(ValueLayout.JAVA_BYTE));
                if (lsn.isPresent()) {
                    // keys arrive in ascending order and the extractor preserves it
                    minLsn = minLsn.isPresent() ? minLsn : lsn;
                    maxLsn = lsn;
                }
            }
        }
        SstBuilder.Built built = builder.finish();
        return new SstBuild(built.meta().withLsns(minLsn, maxLsn), built.bytes());
    }
}
