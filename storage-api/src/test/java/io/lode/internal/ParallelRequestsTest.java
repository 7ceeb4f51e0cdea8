package io.lode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Independent requests at once: results in order, every failure reported, bounded in flight. */
class ParallelRequestsTest {
    @Test
    void resultsComeInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        assertEquals(items.stream().map(i -> i * 2).toList(), ParallelRequests.map(items, i -> i * 2));
        assertEquals(List.of(), ParallelRequests.map(List.<Integer>of(), i -> i));
    }

    @Test
    void requestsRunAtOnceButNeverMoreThanTheParallelism() {
        assertEquals(ParallelRequests.PARALLELISM, mostInFlight(3 * ParallelRequests.PARALLELISM, ParallelRequests.PARALLELISM));
        assertEquals(7, mostInFlight(100, 7));
    }

    @Test
    void aParallelismBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ParallelRequests.map(List.of(1, 2), 0, i -> i));
    }

    /** The most of {@code n} requests in flight at once, where the first {@code parallelism} wait for each other. */
    private static int mostInFlight(int n, int parallelism) {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch together = new CountDownLatch(parallelism);
        Function<Integer, Integer> request = i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            together.countDown();
            try {
                together.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return i;
        };
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        assertEquals(items, parallelism == ParallelRequests.PARALLELISM
                ? ParallelRequests.map(items, request) : ParallelRequests.map(items, parallelism, request));
        return most.get();
    }

    @Test
    void everyRequestRunsAndTheFirstFailureIsThrownWithTheOthersSuppressed() {
        AtomicInteger ran = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParallelRequests.map(IntStream.range(0, 10).boxed().toList(), i -> {
                    ran.incrementAndGet();
                    if (i % 3 == 1) {
                        throw new IllegalStateException("failed " + i);
                    }
                    return i;
                }));
        assertEquals(10, ran.get());
        assertEquals("failed 1", e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertTrue(e.getSuppressed()[0].getMessage().startsWith("failed "));
        RuntimeException alone = new RuntimeException("one");
        assertSame(alone, assertThrows(RuntimeException.class, () -> ParallelRequests.map(List.of(1), i -> {
            throw alone;
        })));
    }
}
