package io.lode.spi;

import io.lode.ErrorCode;
import io.lode.LodeException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A store wrapper for tests that loses requests the way a network does, on the keys a test names:
 * a request lost on the way never reaches the store; a response lost on the way back leaves the
 * request executed while the caller is told it failed. Every loss is a retryable failure, as the
 * client would report it, unless a test says which code the caller sees (a compare-and-swap retried
 * by the client after its response was lost sees {@code PRECONDITION_FAILED}). An outage fails
 * every request until it ends.
 */
public final class LossyStore extends ForwardingObjectStore {
    /** Which way a request is lost. */
    public enum Loss {
        /** Before the store: nothing happens. */
        REQUEST,
        /** After the store executed the request. */
        RESPONSE
    }

    private record Rule(Operation operation, Predicate<String> keys, Loss loss, ErrorCode seen, AtomicInteger left) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger lost = new AtomicInteger();
    private volatile boolean down;

    public LossyStore(ObjectStore store) {
        super(store);
    }

    /** Loses the next {@code times} calls of {@code operation} on keys {@code keys} accepts, {@code loss}-wise. */
    public LossyStore lose(Operation operation, Predicate<String> keys, int times, Loss loss) {
        rules.add(new Rule(operation, keys, loss, ErrorCode.IO, new AtomicInteger(times)));
        return this;
    }

    /** Executes the next {@code times} matching calls, then reports {@code seen} to the caller (not retryable unless the code is). */
    public LossyStore executeThenReport(Operation operation, Predicate<String> keys, int times, ErrorCode seen) {
        rules.add(new Rule(operation, keys, Loss.RESPONSE, seen, new AtomicInteger(times)));
        return this;
    }

    /** Starts or ends an outage: while it lasts, every request fails before reaching the store. */
    public void outage(boolean on) {
        down = on;
    }

    /** How many requests were lost so far, outages included. */
    public int lost() {
        return lost.get();
    }

    @Override
    protected <T> T forward(Operation operation, String keyOrPrefix, Supplier<T> call) {
        if (down) {
            lost.incrementAndGet();
            throw new LodeException(ErrorCode.IO, "injected outage: " + operation.label() + " " + keyOrPrefix, null, true);
        }
        for (Rule r : rules) {
            if (r.operation() == operation && r.keys().test(keyOrPrefix) && r.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                lost.incrementAndGet();
                if (r.loss() == Loss.RESPONSE) {
                    call.get();
                }
                throw new LodeException(r.seen(), "injected: the " + (r.loss() == Loss.RESPONSE ? "response to" : "request")
                        + " " + operation.label() + " " + keyOrPrefix + " was lost", null, r.seen().retryableByDefault());
            }
        }
        return call.get();
    }
}
