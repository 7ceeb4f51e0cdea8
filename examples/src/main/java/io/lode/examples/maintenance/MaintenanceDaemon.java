package io.lode.examples.maintenance;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.isle.CompactionJob;
import io.lode.isle.CompactionListener;
import io.lode.isle.Compactor;
import io.lode.isle.CompactorOptions;
import io.lode.isle.GcOptions;
import io.lode.isle.GcReport;
import io.lode.isle.IsleDB;
import io.lode.isle.RetentionCompactor;
import io.lode.isle.RetentionListener;
import io.lode.isle.RetentionOptions;
import io.lode.isle.RetentionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The maintenance process of the example: a merge {@link Compactor} and a {@link RetentionCompactor}
 * by age over the database {@link MaintenanceWriter} appends to, each pass of which ends with a
 * garbage-collection pass. It prints every compaction, every retention removal and the
 * {@link GcReport} of every collection, labelled by the handle whose pass it ended.
 *
 * <p>The grace period is {@link GcOptions#MIN_GRACE_PERIOD} (1 min), the shortest the options allow:
 * readers re-check the manifest after 30 s of quiet, and the grace covers twice that. So tables a
 * compaction or retention replaced are marked at once ({@code marked}) but deleted
 * ({@code ssts deleted}) only a minute later: run it for more than a minute to see them go.
 *
 * <pre>MaintenanceDaemon &lt;url&gt; [seconds, default 120] [retention period in seconds, default 20]
 *     [tables retention always keeps, default 2]</pre>
 *
 * <p>A merge gives its outputs a fresh creation time, so data the compactor keeps re-merging looks
 * young to retention, and a database of a minute's appends holds only a handful of tables (level 0
 * and a few runs of one table each). So the defaults keep only 2 tables: the oldest, largest run,
 * left alone by run merges while younger runs of its size accumulate, is removed once it is 20 s
 * old, and once the writer stops, everything but the 2 newest tables goes 20 s later.
 */
public final class MaintenanceDaemon {
    private MaintenanceDaemon() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        Duration period = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 20);
        int keep = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        GcOptions gc = GcOptions.defaults().withGracePeriod(GcOptions.MIN_GRACE_PERIOD);
        CompactorOptions compaction = CompactorOptions.defaults().withInterval(Duration.ofSeconds(2))
                .withListener(new Printer()).withGc(gc.withListener(report -> print("compactor gc", report)));
        RetentionOptions retention = RetentionOptions.byAge(period, keep).withInterval(Duration.ofSeconds(5))
                .withListener(new Printer()).withGc(gc.withListener(report -> print("retention gc", report)));
        System.out.println(Instant.now() + " maintaining " + url + " for " + seconds + " s: merging level 0 at "
                + compaction.l0Threshold() + " tables, removing tables older than " + period + " but the " + keep
                + " newest, deleting what they replace " + gc.gracePeriod() + " later");
        try (LodeConnection connection = Lode.connect(url)) {
            IsleDB db = connection.isle(MaintenanceWriter.DATABASE);
            try (Compactor compactor = db.openCompactor(compaction);
                    RetentionCompactor remover = db.openRetentionCompactor(retention)) {
                compactor.start();
                remover.start();
                Thread.sleep(Duration.ofSeconds(seconds));
            }
        }
        System.out.println(Instant.now() + " maintenance done");
    }

    private static void print(String who, GcReport r) {
        System.out.printf("%s %s: marked %d, ssts deleted %d, blobs deleted %d, log entries deleted %d,"
                + " snapshots deleted %d%n", Instant.now(), who, r.marked(), r.sstsDeleted(), r.blobsDeleted(),
                r.logEntriesDeleted(), r.snapshotsDeleted());
    }

    /** Prints what the two compactors tell. */
    private static final class Printer implements CompactionListener, RetentionListener {
        @Override
        public void ended(CompactionJob job, List<String> outputSstIds, Throwable failure) {
            String what = (job.level0() ? "level 0" : "runs") + ": " + job.inputSstIds().size() + " tables of "
                    + job.inputBytes() / 1024 + " KiB";
            System.out.println(Instant.now() + " compaction of " + what
                    + (failure == null ? " -> " + outputSstIds : " failed: " + failure));
        }

        @Override
        public void abandoned(CompactionJob job, List<String> removedInputIds) {
            System.out.println(Instant.now() + " compaction abandoned: retention removed " + removedInputIds);
        }

        @Override
        public void removed(RetentionResult result) {
            System.out.println(Instant.now() + " retention removed " + result.removedSstIds().size() + " tables ("
                    + result.removedBytes() / 1024 + " KiB): " + result.removedSstIds());
        }

        @Override
        public void failed(Throwable failure) {
            System.out.println(Instant.now() + " retention pass failed, retried at the next: " + failure);
        }
    }
}
