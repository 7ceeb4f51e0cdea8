package io.lode.bench.dataset;

import io.lode.spi.ForwardingObjectStore;
import io.lode.spi.ObjectStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Lode's benchmark store: a store that sleeps before every get and list (1 ms in Lode's code, whatever
 * its docs say), and counts them, to show that warm writes need neither.
 */
final class LatencyStore extends ForwardingObjectStore {
    private final Duration latency;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong lists = new AtomicLong();

    LatencyStore(ObjectStore store, Duration latency) {
        super(store);
        this.latency = latency;
    }

    @Override
    protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
        switch (operation) {
            case GET, GET_RANGE, OPEN_STREAM -> {
                gets.incrementAndGet();
                pause();
            }
            case LIST -> {
                lists.incrementAndGet();
                pause();
            }
            default -> { }
        }
        return call.get();
    }

    private void pause() {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
