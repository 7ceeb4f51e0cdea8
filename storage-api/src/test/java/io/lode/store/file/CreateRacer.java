package io.lode.store.file;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.LodeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process of {@link FileObjectStoreTest}: waits for the go signal, then tries to create
 * {@code race/0..n-1} and prints {@code WON i} for each key it created.
 */
public final class CreateRacer {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        byte[] me = args[1].getBytes(StandardCharsets.UTF_8);
        int keys = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        try (LodeConnection c = Lode.connect(url)) {
            System.out.println("READY");
            System.out.flush();
            while (!Files.exists(go)) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < keys; i++) {
                try {
                    c.store().put("race/" + i, me);
                    System.out.println("WON " + i);
                } catch (LodeException e) {
                    if (e.code() != ErrorCode.PATH_EXISTS) {
                        throw e;
                    }
                }
            }
        }
        System.out.flush();
    }
}
