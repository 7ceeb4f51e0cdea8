package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.util.UUID;

class IsleMemoryModelTest extends IsleModelContract {
    @Override
    protected LodeConnection connect() {
        return Lode.connect("lode:mem:isle-model-" + UUID.randomUUID());
    }
}
