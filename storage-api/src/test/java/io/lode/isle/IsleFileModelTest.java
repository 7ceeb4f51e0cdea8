package io.lode.isle;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class IsleFileModelTest extends IsleModelContract {
    @TempDir
    Path root;

    @Override
    protected LodeConnection connect() throws Exception {
        return Lode.connect("lode:" + Files.createTempDirectory(root, "db").toUri());
    }
}
