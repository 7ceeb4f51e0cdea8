package io.lode.isle.manifest;

import java.util.List;

/**
 * A run of SSTs with disjoint key ranges, ordered by key, produced by one compaction.
 *
 * @param id the run's id, unique within the database
 * @param ssts its tables, ordered by smallest key
 */
public record SortedRun(long id, List<SstMeta> ssts) {
    public SortedRun {
        ssts = List.copyOf(ssts);
    }
}
