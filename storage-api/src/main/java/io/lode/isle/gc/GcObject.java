package io.lode.isle.gc;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.internal.Retries;
import io.lode.spi.ObjectBytes;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One of the collector's JSON objects, changed only by compare-and-swap ({@code IF_MATCH}, or
 * {@code CREATE} while it does not exist). The last version read or written is kept, so an idle
 * pass reads nothing; a stale copy is harmless, as every change is applied to the version the
 * swap finds, and deletions re-check the manifest anyway.
 *
 * @param <T> the decoded content
 */
final class GcObject<T> {
    /** Compare-and-swap attempts before a pass gives up (and the next pass tries again). */
    private static final int SWAP_ATTEMPTS = 8;

    private final ObjectStore store;
    private final String key;
    private final BiFunction<byte[], String, T> decode;
    private final Function<T, byte[]> encode;
    private final T empty;
    private T value;
    private String tag;
    private boolean loaded;

    GcObject(ObjectStore store, String key, BiFunction<byte[], String, T> decode, Function<T, byte[]> encode, T empty) {
        this.store = store;
        this.key = key;
        this.decode = decode;
        this.encode = encode;
        this.empty = empty;
    }

    /** The content as last read or written (read now if never). */
    T get() {
        if (!loaded) {
            load();
        }
        return value;
    }

    /** Reads the stored version. */
    void load() {
        loaded = false;
        Optional<ObjectBytes> stored = Retries.retried(() -> store.find(key));
        if (stored.isPresent()) {
            value = decode.apply(stored.get().bytes(), key);
            tag = stored.get().info().etag();
        } else {
            value = empty;
            tag = null;
        }
        loaded = true;
    }

    /**
     * Stores {@code change} applied to the current version; when another collector stored a newer
     * one first, applies it to that one instead. Nothing is written if the change changes nothing.
     *
     * @return the stored content
     */
    T update(UnaryOperator<T> change) {
        LodeException last = null;
        for (int attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
            T base = get();
            T next = change.apply(base);
            if (next.equals(base)) {
                return base;
            }
            try {
                tag = store.put(key, encode.apply(next), tag == null ? PutMode.CREATE : PutMode.ifMatch(tag));
                value = next;
                return next;
            } catch (LodeException e) {
                loaded = false; // whatever happened, the stored version is unknown now
                boolean lostSwap = e.code() == ErrorCode.PRECONDITION_FAILED || e.code() == ErrorCode.PATH_EXISTS;
                if (!lostSwap && !e.retryable()) {
                    throw e;
                }
                last = e;
            }
        }
        throw new LodeException(ErrorCode.IO, key + " kept changing or failing during " + SWAP_ATTEMPTS
                + " attempts to update it; the next pass tries again: " + last.getMessage(), last, true);
    }
}
