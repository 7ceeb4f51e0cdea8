package io.lode.store.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.spi.ObjectStoreContract;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryObjectStoreTest extends ObjectStoreContract {
    @Override
    protected LodeConnection connect() {
        return Lode.connect("lode:mem:contract-" + UUID.randomUUID());
    }

    @Test
    void connectionsToOneNameShareTheObjects() {
        String url = "lode:mem:shared-" + UUID.randomUUID();
        try (LodeConnection a = Lode.connect(url)) {
            a.store().put("k", "v".getBytes(StandardCharsets.UTF_8));
        }
        try (LodeConnection b = Lode.connect(url)) {
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), b.store().get("k").bytes());
        }
    }

    @Test
    void theStoreKeepsNoReferenceToTheCallersArray() {
        byte[] body = {1, 2, 3};
        store.put("k", body);
        body[0] = 9;
        store.get("k").bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, store.get("k").bytes());
    }
}
