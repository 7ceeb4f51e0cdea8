package io.lode.isle;

import java.util.List;

/**
 * One compaction a {@link Compactor} runs, as its {@link CompactionListener} sees it.
 *
 * @param level0 whether it merges level 0 (otherwise consecutive sorted runs)
 * @param inputSstIds the tables it merges
 * @param inputBytes their total size
 */
public record CompactionJob(boolean level0, List<String> inputSstIds, long inputBytes) {
    public CompactionJob {
        inputSstIds = List.copyOf(inputSstIds);
    }
}
