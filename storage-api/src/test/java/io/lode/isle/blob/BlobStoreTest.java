package io.lode.isle.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.InstrumentedStore;
import io.lode.spi.ObjectBody;
import io.lode.spi.PutMode;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BlobStoreTest {
    @Test
    void blobsAreContentAddressedWrittenOnceAndVerifiedOnRead() {
        try (LodeConnection c = Lode.connect("lode:mem:blobs-" + UUID.randomUUID())) {
            InstrumentedStore store = new InstrumentedStore(c.store());
            BlobStore blobs = new BlobStore(store, "db/", 1 << 20);
            byte[] value = new byte[300_000];
            value[123] = 42;
            byte[] id = blobs.put(value);
            assertArrayEquals(BlobStore.sha256(value), id);
            String hex = HexFormat.of().formatHex(id);
            assertEquals("db/blobs/" + hex.substring(0, 2) + "/" + hex + ".blob", blobs.key(id));
            assertArrayEquals(id, blobs.put(value), "writing the same value again is a no-op");

            store.reset();
            assertArrayEquals(value, blobs.get(id));
            assertArrayEquals(value, blobs.get(id));
            assertEquals(1, store.count("get"), "the second read comes from the cache");

            BlobStore uncached = new BlobStore(store, "db/", 0);
            byte[] other = blobs.put(new byte[] {1, 2, 3});
            c.store().put(uncached.key(other), ObjectBody.of(new byte[] {1, 2, 4}), PutMode.OVERWRITE);
            assertEquals(ErrorCode.CHECKSUM_MISMATCH, assertThrows(LodeException.class, () -> uncached.get(other)).code());
            c.store().delete(uncached.key(other));
            assertEquals(ErrorCode.CORRUPTION, assertThrows(LodeException.class, () -> uncached.get(other)).code());
        }
    }
}
