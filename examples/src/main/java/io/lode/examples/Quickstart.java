package io.lode.examples;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * The quickstart: connect to a local directory and use its object store the way Lode's engines
 * do: create-only puts, a compare-and-swap, a range read and an ordered listing.
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
            System.out.println("connected to " + connection.url() + " (valid: " + connection.isValid(Duration.ofSeconds(1)) + ")");
            ObjectStore store = connection.store();

            String etag = store.put("greetings/hello.txt", bytes("hello world"));
            System.out.println("put greetings/hello.txt                      etag " + etag);

            try {
                store.put("greetings/hello.txt", bytes("hello again"));
            } catch (LodeException e) {
                expect(ErrorCode.PATH_EXISTS, e);
                System.out.println("put it again (create-only)                   refused: " + e.code());
            }

            String next = store.put("greetings/hello.txt", ObjectBody.of(bytes("hello, world")), PutMode.ifMatch(etag));
            System.out.println("compare-and-swap from " + etag + "         etag " + next);
            try {
                store.put("greetings/hello.txt", ObjectBody.of(bytes("lost update")), PutMode.ifMatch(etag));
            } catch (LodeException e) {
                expect(ErrorCode.PRECONDITION_FAILED, e);
                System.out.println("compare-and-swap from the stale etag         refused: " + e.code());
            }

            byte[] world = store.getRange("greetings/hello.txt", 7, 5).bytes();
            System.out.println("range read (offset 7, length 5)              \"" + text(world) + "\"");

            store.put("greetings/bonjour.txt", bytes("bonjour le monde"));
            store.put("greetings-archive/2025.txt", bytes("not under greetings/"));
            System.out.println("list greetings/:");
            try (Stream<ListedObject> listing = store.list("greetings/")) {
                listing.forEach(o -> System.out.println("  " + o.key() + "  " + o.size() + " bytes"));
            }
        }
        System.out.println("done; the objects are files under " + dir);
    }

    private static void expect(ErrorCode code, LodeException e) {
        if (e.code() != code) {
            throw e;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
