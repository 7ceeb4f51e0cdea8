package io.lode.isle.manifest;

import java.util.List;

/** What one manifest log entry changes. */
public sealed interface LogOp permits LogOp.FenceClaim, LogOp.AddSsts, LogOp.RemoveSsts, LogOp.Compaction {

    /** The entry's {@code op} name in JSON. */
    String name();

    /** The committer claims its role: from here on, older epochs of the role are ignored. */
    record FenceClaim() implements LogOp {
        @Override
        public String name() {
            return "fence_claim";
        }
    }

    /**
     * Flushed tables join level 0, the last of the list newest.
     *
     * @param ssts the tables, oldest first
     */
    record AddSsts(List<SstMeta> ssts) implements LogOp {
        public AddSsts {
            ssts = List.copyOf(ssts);
        }

        @Override
        public String name() {
            return "add_sstables";
        }
    }

    /**
     * Tables leave the database (retention).
     *
     * @param ids the tables' ids
     */
    record RemoveSsts(List<String> ids) implements LogOp {
        public RemoveSsts {
            ids = List.copyOf(ids);
        }

        @Override
        public String name() {
            return "remove_sstables";
        }
    }

    /**
     * A compaction replaced tables and runs by one new run.
     *
     * @param removeSstIds level-0 tables and tables of runs that were merged
     * @param removeRunIds runs that were merged whole
     * @param addRun the merged run, or null if the merge produced nothing (all deleted)
     */
    record Compaction(List<String> removeSstIds, List<Long> removeRunIds, SortedRun addRun) implements LogOp {
        public Compaction {
            removeSstIds = List.copyOf(removeSstIds);
            removeRunIds = List.copyOf(removeRunIds);
        }

        @Override
        public String name() {
            return "compaction";
        }
    }
}
