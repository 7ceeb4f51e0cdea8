package io.lode.bench.dataset;

import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectInfo;
import io.lode.spi.ObjectStore;
import io.lode.spi.ObjectStream;
import io.lode.spi.PutMode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Lode's benchmark store: a store that sleeps before every get and list (1 ms in Lode's code, whatever
 * its docs say), and counts them, to show that warm writes need neither.
 */
final class LatencyStore implements ObjectStore {
    private final ObjectStore store;
    private final Duration latency;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong lists = new AtomicLong();

    LatencyStore(ObjectStore store, Duration latency) {
        this.store = store;
        this.latency = latency;
    }

    private void pause() {
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ObjectBytes get(String key) {
        gets.incrementAndGet();
        pause();
        return store.get(key);
    }

    @Override
    public ObjectBytes getRange(String key, long offset, long length) {
        gets.incrementAndGet();
        pause();
        return store.getRange(key, offset, length);
    }

    @Override
    public ObjectStream openStream(String key) {
        gets.incrementAndGet();
        pause();
        return store.openStream(key);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return store.head(key);
    }

    @Override
    public String put(String key, ObjectBody body, PutMode mode) {
        return store.put(key, body, mode);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public Stream<ListedObject> list(String prefix, String startAfter) {
        lists.incrementAndGet();
        pause();
        return store.list(prefix, startAfter);
    }

    @Override
    public boolean isValid(Duration timeout) {
        return store.isValid(timeout);
    }

    @Override
    public void close() {
        store.close();
    }
}
