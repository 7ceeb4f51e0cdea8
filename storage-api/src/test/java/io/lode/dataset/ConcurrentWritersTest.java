package io.lode.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two uncoordinated writers on one dataset (docs/dataset-format.md, write order and the latest pointer): each round exactly one wins, the loser gets
 * SNAPSHOT_CONFLICT and commits nothing, its retry succeeds, and the history stays linear. Runs on the
 * drivers whose compare-and-swap is atomic under concurrency (S3Proxy's is not: docs/object-store.md).
 */
class ConcurrentWritersTest {
    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"MEM", "FILE"})
    void exactlyOneWriterWinsEachRoundAndHistoryStaysLinear(Backend backend) throws Exception {
        try (LodeConnection c = backend.connect(); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            c.dataset("race").write(new byte[] {0}, null);
            int rounds = 15;
            for (int round = 0; round < rounds; round++) {
                // Each writer resolves the head when it opens its stream; the barrier makes both
                // resolve the same head before either commits, so they truly conflict.
                CyclicBarrier resolved = new CyclicBarrier(2);
                List<Future<Outcome>> futures = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    byte payload = (byte) (round * 2 + w);
                    futures.add(pool.submit(() -> {
                        Dataset ds = c.dataset("race");
                        try (StreamWriter sw = ds.streamWrite(null)) {
                            resolved.await();
                            sw.write(new byte[] {payload});
                            return new Outcome(ds, sw.commit(), null);
                        } catch (LodeException e) {
                            return new Outcome(ds, null, e);
                        }
                    }));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get());
                }
                List<Outcome> losers = outcomes.stream().filter(x -> x.error() != null).toList();
                assertEquals(1, losers.size(), "exactly one writer wins round " + round);
                assertEquals(ErrorCode.SNAPSHOT_CONFLICT, losers.getFirst().error().code(), losers.getFirst().error()::toString);
                losers.getFirst().ds().write(new byte[] {(byte) round}, null); // the loser's retry succeeds
            }
            List<DatasetSnapshot> history = c.dataset("race").snapshots();
            assertEquals(1 + 2 * rounds, history.size(), "one winner and one retry per round, no lost or forked snapshot");
            assertNull(history.getFirst().manifest().parentSnapshotId());
            for (int i = 1; i < history.size(); i++) {
                assertEquals(history.get(i - 1).id(), history.get(i).manifest().parentSnapshotId(), "linear history at " + i);
            }
            assertEquals(history.getLast().id(), c.dataset("race").latest().id());
        }
    }

    record Outcome(Dataset ds, DatasetSnapshot snapshot, LodeException error) {}
}
