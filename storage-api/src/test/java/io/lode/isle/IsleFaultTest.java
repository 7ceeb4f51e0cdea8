package io.lode.isle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.InstrumentedStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A store that fails one request, before it takes effect or after (the write landed but the caller
 * was told it failed), at every position of a scripted sequence of writes and flushes: no
 * acknowledged flush is lost, nothing shows twice or half, and the writer goes on with its next flush.
 */
class IsleFaultTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyAcknowledgedFlushSurvivesAFailureAtAnyRequest() {
        WriterOptions options = WriterOptions.defaults().withFlushInterval(Duration.ZERO);
        IsleOptions isle = IsleOptions.defaults().withSnapshotEvery(4).withCurrentEvery(2);
        for (InstrumentedStore.Fault fault : InstrumentedStore.Fault.values()) {
            for (int n = 1; n <= 30; n++) {
                try (LodeConnection c = Lode.connect("lode:mem:faults-" + UUID.randomUUID())) {
                    InstrumentedStore store = new InstrumentedStore(c.store());
                    IsleDB db = IsleDB.onStore(store, "db/", isle);
                    IsleWriter w = db.openWriter(options);
                    store.failRequest(n, fault);
                    TreeMap<String, String> acknowledged = new TreeMap<>();
                    TreeMap<String, String> written = new TreeMap<>();
                    List<String> failures = new ArrayList<>();
                    for (int round = 0; round < 8; round++) {
                        for (int i = 0; i < 3; i++) {
                            String key = "k" + (round * 2 + i) % 7;
                            String value = "v" + round + "-" + i;
                            w.put(b(key), b(value));
                            written.put(key, value);
                        }
                        try {
                            w.flush();
                            acknowledged = new TreeMap<>(written);
                        } catch (LodeException e) {
                            failures.add(e.code().toString());
                        }
                    }
                    store.disarm();
                    w.flush(); // recovers: settles any commit in doubt and commits the rest
                    w.close();
                    try (IsleReader r = db.openReader(ReaderOptions.defaults())) {
                        List<KeyValue> all = r.scan(null, null, Integer.MAX_VALUE);
                        List<KeyValue> want = new ArrayList<>();
                        written.forEach((k, v) -> want.add(new KeyValue(b(k), b(v))));
                        assertEquals(want, all, fault + " at request " + n + " (failures " + failures + ")");
                        acknowledged.forEach((k, v) -> {
                            if (written.get(k).equals(v)) {
                                assertArrayEquals(b(v), r.get(b(k)));
                            }
                        });
                    }
                    failures.forEach(code -> assertEquals(ErrorCode.IO.toString(), code));
                }
            }
        }
    }
}
