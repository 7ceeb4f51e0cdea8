package io.lode.examples;

import io.lode.Lode;
import io.lode.LodeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The quickstart: connect to a local directory, use its object store the way Lode's engines do
 * (create-only puts, a compare-and-swap, a range read, an ordered listing), then run the Isle
 * key-value engine on it: a writer, a reader, a tailing reader and a writer takeover.
 *
 * <pre>java --module-path ... -m io.lode.examples/io.lode.examples.Quickstart [base-directory]</pre>
 * Each run works in a new directory below {@code base-directory} (default {@code lode-quickstart}).
 */
public final class Quickstart {
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "lode-quickstart");
        // A file store's root must exist: Lode never creates storage implicitly; the application does.
        Path dir = Files.createDirectories(base.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))))
                .toAbsolutePath();
        String url = "lode:" + dir.toUri();


        try (LodeConnection connection = Lode.connect(url)) {
            StoreTour.run(connection);
            IsleTour.run(connection);
        }
        System.out.println("done; the objects are files under " + dir);
    }

}
