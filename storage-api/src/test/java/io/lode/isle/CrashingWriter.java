package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A child process of {@link IsleCrashTest}: opens the writer (taking over from any earlier one),
 * then writes and flushes batches forever, printing {@code ACK <batch>} after each flush returns.
 * A batch puts keys {@code <batch>/<i>} with the value {@code <batch>}, all ten together.
 */
public final class CrashingWriter {
    public static void main(String[] args) throws Exception {
        long firstBatch = Long.parseLong(args[1]);
        try (LodeConnection c = Lode.connect(args[0])) {
            IsleWriter w = retried(() -> c.isle("crash").openWriter(WriterOptions.defaults().withFlushInterval(Duration.ZERO)));
            System.out.println("OPEN");
            System.out.flush();
            for (long batch = firstBatch; ; batch++) {
                for (int i = 0; i < 10; i++) {
                    w.put(key(batch, i), ByteBuffer.allocate(8).putLong(batch).array());
                }
                retried(w::flush); // a failed flush keeps the batch: flushing again commits it
                System.out.println("ACK " + batch);
                System.out.flush();
            }
        }
    }

    /** Repeats {@code call} while it fails retryably, as a careful caller on a lossy network does. */
    private static <T> T retried(java.util.function.Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (io.lode.LodeException e) {
                if (!e.retryable()) {
                    throw e;
                }
            }
        }
    }

    static byte[] key(long batch, int i) {
        return ByteBuffer.allocate(12).putLong(batch).putInt(i).array();
    }
}
