package io.lode.dataset.internal;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A create-only put whose body is written while it runs: the single pass of a streaming write.
 * The upload runs on a virtual thread reading a {@link ChunkPipe}; the caller writes into
 * {@link #body()}.
 */
public final class BackgroundPut {
    private final ObjectStore store;
    private final String key;
    private final ChunkPipe pipe = new ChunkPipe();
    private final CompletableFuture<String> done = new CompletableFuture<>();

    private BackgroundPut(ObjectStore store, String key) {
        this.store = store;
        this.key = key;
    }

    /** Starts uploading to {@code key}. */
    public static BackgroundPut start(ObjectStore store, String key) {
        BackgroundPut p = new BackgroundPut(store, key);
        Thread.ofVirtual().name("lode-stream-put").start(() -> {
            try {
                p.done.complete(store.put(key, ObjectBody.ofStream(p.pipe.source(), -1), PutMode.CREATE));
            } catch (Throwable t) {
                p.pipe.breakPipe("the upload of " + key + " failed: " + t.getMessage());
                p.done.completeExceptionally(t);
            }
        });
        return p;
    }

    public String key() {
        return key;
    }

    /** Where the object's bytes go; closing it ends the object. */
    public OutputStream body() {
        return pipe.sink();
    }

    /** Waits for the put to finish after {@link #body()} was closed. */
    public void await() {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.breakPipe("interrupted");
            throw new LodeException(ErrorCode.IO, "interrupted while uploading " + key, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LodeException le ? le
                    : new LodeException(ErrorCode.IO, "uploading " + key + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** The upload's own failure, if it failed already: more telling than the broken pipe the writer sees. */
    public LodeException failure() {
        if (done.isCompletedExceptionally()) {
            try {
                await();
            } catch (LodeException e) {
                return e;
            }
        }
        return null;
    }

    /** Stops the upload and deletes whatever it stored; never throws. */
    public void abort() {
        pipe.breakPipe("aborted");
        try {
            done.handle((v, t) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // handled above
        }
        deleteQuietly();
    }

    /** Deletes the object, ignoring failures: cleanup is best effort and orphans are harmless. */
    public void deleteQuietly() {
        try {
            store.delete(key);
        } catch (RuntimeException ignored) {
            // an orphan data file without a manifest is invisible
        }
    }
}
