package io.lode.dataset;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.util.Iterator;
import java.util.Map;

/**
 * Run in a child JVM with a small heap by {@link BoundedMemoryTest}: streams a large blob and many
 * records to a local directory and prints the peak heap use. Arguments: directory, blob bytes, records.
 */
public final class BoundedMemoryProbe {
    private static long peak;

    private BoundedMemoryProbe() {}

    /** Samples heap use; the -Xmx limit is the hard bound, this shows how far below it the run stayed. */
    private static void sample() {
        Runtime r = Runtime.getRuntime();
        peak = Math.max(peak, r.totalMemory() - r.freeMemory());
    }

    public static void main(String[] args) {
        String dir = args[0];
        long blobBytes = Long.parseLong(args[1]);
        long records = Long.parseLong(args[2]);
        try (LodeConnection c = Lode.connect("lode:" + java.nio.file.Path.of(dir).toUri())) {
            Dataset blobs = c.dataset("big", DatasetOptions.defaults().withChecksum(Checksums.md5()));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 31);
            }
            DatasetSnapshot s;
            try (StreamWriter w = blobs.streamWrite(null)) {
                for (long written = 0; written < blobBytes; written += chunk.length) {
                    w.write(chunk, 0, (int) Math.min(chunk.length, blobBytes - written));
                    sample();
                }
                s = w.commit();
            }
            check(s.manifest().files().getFirst().sizeBytes() == blobBytes, "blob size " + s.manifest().files().getFirst().sizeBytes());
            long read = 0;
            try (java.io.InputStream in = blobs.openBlob(s.id())) { // streamed back, md5 verified at the end
                int n;
                while ((n = in.read(chunk)) > 0) {
                    read += n;
                    sample();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            check(read == blobBytes, "bytes read back " + read);

            Dataset rows = c.dataset("rows", DatasetOptions.defaults().withCodec(Codecs.jsonl()).withCompressor(Compressors.gzip()));
            Iterator<Map<String, Object>> it = new Iterator<>() {
                long n;

                @Override
                public boolean hasNext() {
                    return n < records;
                }

                @Override
                public Map<String, Object> next() {
                    long i = n++;
                    if ((i & 0xffff) == 0) {
                        sample();
                    }
                    return Map.of("id", i, "name", "record-" + i, "score", i * 0.5);
                }
            };
            check(rows.streamWriteRecords(it, null).manifest().rowCount() == records, "row count");
        }
        sample();
        System.out.println("figures peak-heap-bytes=" + peak + " heap-limit=" + Runtime.getRuntime().maxMemory());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("unexpected " + what);
        }
    }
}
