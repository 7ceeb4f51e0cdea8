package io.lode.examples;

import io.lode.ErrorCode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStore;
import io.lode.spi.PutMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What the quickstarts show on any store: create-only puts, a compare-and-swap, a range read and
 * an ordered listing, printed as they happen. The connection must point at an empty location.
 */
public final class StoreTour {
    private StoreTour() {}

    public static void run(LodeConnection connection) {
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
