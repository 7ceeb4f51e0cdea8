package io.lode.examples.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A fresh directory per run, below the base directory given as the first argument. */
public final class ExampleDirectory {
    private ExampleDirectory() {}

    /** Creates the run's directory and returns its {@code lode:} URL. Lode never creates storage itself. */
    public static String create(String[] args, String example) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : "lode-examples");
        Path dir = Files.createDirectories(base.resolve(example + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))).toAbsolutePath();
        System.out.println("writing under " + dir);
        return "lode:" + dir.toUri();
    }
}
