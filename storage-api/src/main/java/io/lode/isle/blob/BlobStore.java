package io.lode.isle.blob;

import io.lode.ErrorCode;
import io.lode.LodeException;
import io.lode.isle.manifest.DatabaseLayout;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Large values as content-addressed objects, {@code blobs/<2 hex>/<sha256 hex>.blob}
 * ({@link DatabaseLayout}): the id is the SHA-256 of the value, so a blob is written at most once
 * (an existing one is the same bytes) and every read is verified against its id. Recently read blobs are kept in a cache bounded in bytes.
 */
public final class BlobStore {
    private final ObjectStore store;
    private final DatabaseLayout layout;
    private final long cacheBytes;
    private final LinkedHashMap<String, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cached;

    /**
     * @param store the database's store
     * @param databasePrefix the database's key prefix, ending in '/' (or "")
     * @param cacheBytes how many bytes of blobs to keep in memory (0: none)
     */
    public BlobStore(ObjectStore store, String databasePrefix, long cacheBytes) {
        this.store = store;
        this.layout = new DatabaseLayout(databasePrefix);
        this.cacheBytes = cacheBytes;
    }

    /**
     * Stores {@code value}; returns its 32-byte id. The blob is always written, never trusted to
     * exist: one that exists (the same bytes, as the id is their hash) may be one nothing references
     * any more, which the garbage collector marked and is about to delete, and a write gives it a new
     * last-modified time, which the collector checks before it deletes (docs/isle-protocol.md,
     * "Garbage collection"). An unconditional put does that in one request, and repeating it after
     * a lost response is harmless: the content under the id can only be these bytes.
     */
    public byte[] put(byte[] value) {
        byte[] id = sha256(value);
        store.put(key(id), ObjectBody.of(value), PutMode.OVERWRITE);
        return id;
    }

    /** The blob with this id, verified against it. */
    public byte[] get(byte[] id) {
        String key = key(id);
        synchronized (this) {
            byte[] hit = cache.get(key);
            if (hit != null) {
                return hit.clone();
            }
        }
        byte[] value = store.find(key).orElseThrow(() -> new LodeException(ErrorCode.CORRUPTION,
                "blob " + key + " is referenced but missing")).bytes();
        if (!MessageDigest.isEqual(id, sha256(value))) {
            throw new LodeException(ErrorCode.CHECKSUM_MISMATCH, "blob " + key + " does not hash to its id ("
                    + value.length + " bytes read)");
        }
        remember(key, value);
        return value.clone();
    }

    /** The object key of a blob id ({@link DatabaseLayout#blobKey}). */
    public String key(byte[] id) {
        return layout.blobKey(HexFormat.of().formatHex(id));
    }

    private synchronized void remember(String key, byte[] value) {
        if (value.length > cacheBytes || cache.containsKey(key)) {
            return;
        }
        cache.put(key, value);
        cached += value.length;
        var eldest = cache.entrySet().iterator();
        while (cached > cacheBytes && eldest.hasNext()) {
            Map.Entry<String, byte[]> e = eldest.next();
            cached -= e.getValue().length;
            eldest.remove();
        }
    }

    static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
