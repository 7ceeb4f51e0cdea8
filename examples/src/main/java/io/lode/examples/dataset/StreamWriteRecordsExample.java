package io.lode.examples.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.dataset.Codecs;
import io.lode.dataset.Compressors;
import io.lode.dataset.Dataset;
import io.lode.dataset.DatasetOptions;
import io.lode.dataset.DatasetSnapshot;
import io.lode.dataset.Metadata;
import io.lode.dataset.Timestamped;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * stream_write_records: a million records pulled from an iterator, encoded, compressed and
 * uploaded in one pass and constant memory. Records that implement {@link Timestamped} set the
 * manifest's min and max timestamps.
 */
public final class StreamWriteRecordsExample {
    /** A reading that knows its time. */
    record Reading(long id, Instant at, double value) implements Timestamped {
        @Override
        public Instant timestamp() {
            return at;
        }

        Map<String, Object> asMap() {
            Reading self = this;
            return new AbstractMap<>() {
                @Override
                public Set<Entry<String, Object>> entrySet() {
                    return Map.<String, Object>of("id", id, "at", at, "value", value).entrySet();
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        try (LodeConnection c = Lode.connect(ExampleDirectory.create(args, "stream-write-records"))) {
            Dataset readings = c.dataset("readings", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()));
            Instant start = Instant.parse("2026-11-21T00:00:00Z");
            Iterator<Map<String, ?>> records = new Iterator<>() {
                long n;

                @Override
                public boolean hasNext() {
                    return n < 1_000_000;
                }

                @Override
                public Map<String, ?> next() {
                    long i = n++;
                    return new TimedRecord(new Reading(i, start.plusSeconds(i), Math.sin(i)));
                }
            };
            DatasetSnapshot s = readings.streamWriteRecords(records, Metadata.of("sensor", "s-1"));
            System.out.println(s.manifest().rowCount() + " records, " + s.manifest().files().getFirst().sizeBytes() + " bytes gzip, from "
                    + s.manifest().minTimestamp() + " to " + s.manifest().maxTimestamp());
        }
    }

    /** A record map that carries its reading's time, so the dataset can record min and max. */
    static final class TimedRecord extends AbstractMap<String, Object> implements Timestamped {
        private final Reading reading;
        private final Map<String, Object> fields;

        TimedRecord(Reading reading) {
            this.reading = reading;
            this.fields = reading.asMap();
        }

        @Override
        public Instant timestamp() {
            return reading.timestamp();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return fields.entrySet();
        }
    }
}
