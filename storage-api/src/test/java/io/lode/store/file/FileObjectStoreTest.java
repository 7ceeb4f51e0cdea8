package io.lode.store.file;

import static io.lode.LodeAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lode.ErrorCode;
import io.lode.Lode;
import io.lode.LodeConnection;
import io.lode.spi.ListedObject;
import io.lode.spi.ObjectBody;
import io.lode.spi.ObjectStoreContract;
import io.lode.spi.PutMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path root;

    @Override
    protected LodeConnection connect() {
        return Lode.connect("lode:" + root.toUri());
    }

    @Test
    void objectsAreFilesUnderTheRootAndBookkeepingFilesStayHidden() throws Exception {
        store.put("dir/obj", utf8("content"));
        String etag = store.head("dir/obj").orElseThrow().etag();
        store.put("dir/obj", ObjectBody.of(utf8("changed")), PutMode.ifMatch(etag)); // creates the lock file
        assertArrayEquals(utf8("changed"), Files.readAllBytes(root.resolve("dir/obj")));
        try (Stream<Path> files = Files.list(root.resolve("dir"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(DirectoryLock.LOCK_FILE, "obj"), names, "no temporary file is left behind");
        }
        Files.writeString(root.resolve("dir/.lode-tmp-leftover"), "from a crashed writer");
        assertEquals(List.of("dir/obj"), store.list("").map(ListedObject::key).toList());
    }

    @Test
    void filesPutThereByOtherProgramsAreReadableWithAComputedEtag() throws Exception {
        Files.createDirectories(root.resolve("ext"));
        Files.writeString(root.resolve("ext/file"), "foreign");
        String etag = store.head("ext/file").orElseThrow().etag();
        store.put("copy", utf8("foreign"));
        assertEquals(store.head("copy").orElseThrow().etag(), etag, "the etag is a hash of the content");
        store.put("ext/file", ObjectBody.of(utf8("ours")), PutMode.ifMatch(etag));
        assertArrayEquals(utf8("ours"), store.get("ext/file").bytes());
    }

    @Test
    void aKeyCannotBeBothAnObjectAndAPrefix() {
        store.put("a/b", utf8("object"));
        assertFails(ErrorCode.INVALID_PATH, () -> store.put("a/b/c", utf8("below an object")));
        store.put("x/y/z", utf8("deep"));
        assertFails(ErrorCode.INVALID_PATH, () -> store.put("x/y", utf8("over a directory")));
        assertFails(ErrorCode.INVALID_PATH, () -> store.put("x/y", ObjectBody.of(utf8("over")), PutMode.OVERWRITE));
        assertFails(ErrorCode.NOT_FOUND, () -> store.get("x/y"));
        store.delete("x/y"); // not an object: nothing happens
        assertArrayEquals(utf8("deep"), store.get("x/y/z").bytes());
    }

    @Test
    void aDeletedRootIsNotRecreated() throws Exception {
        Path sub = Files.createDirectory(root.resolve("sub"));
        try (LodeConnection c = Lode.connect("lode:" + sub.toUri())) {
            c.store().put("k", utf8("v"));
            Files.delete(sub.resolve("k"));
            Files.delete(sub);
            assertFalse(c.isValid(Duration.ofSeconds(1)));
            assertFails(ErrorCode.NOT_FOUND, () -> c.store().put("k", utf8("v")));
            assertFalse(Files.exists(sub));
        }
    }

    @Test
    void fsyncCanBeTurnedOffForScratchData() {
        try (LodeConnection c = Lode.connect("lode:" + root.toUri() + "?fsync=false")) {
            c.store().put("scratch", utf8("v"));
            assertArrayEquals(utf8("v"), c.store().get("scratch").bytes());
        }
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:" + root.toUri() + "?fsync=maybe"));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> Lode.connect("lode:" + root.toUri() + "?fsnyc=false"));
    }

    @Test
    void twoProcessesRacingToCreateTheSameKeysHaveExactlyOneWinnerPerKey() throws Exception {
        int keys = 200;
        Path go = root.resolve("go-signal");
        List<Process> racers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            racers.add(new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), CreateRacer.class.getName(),
                    "lode:" + root.toUri(), "racer-" + r, Integer.toString(keys), go.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<BufferedReader> outputs = new ArrayList<>();
        for (Process p : racers) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", out.readLine());
            outputs.add(out);
        }
        Files.createFile(go);
        Map<Integer, String> winners = new HashMap<>();
        for (int r = 0; r < racers.size(); r++) {
            String line;
            while ((line = outputs.get(r).readLine()) != null) {
                if (line.startsWith("WON ")) {
                    String previous = winners.put(Integer.parseInt(line.substring(4)), "racer-" + r);
                    assertEquals(null, previous, "key " + line.substring(4) + " was won twice");
                }
            }
            assertTrue(racers.get(r).waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, racers.get(r).exitValue());
        }
        assertEquals(keys, winners.size(), "every key has a winner");
        for (Map.Entry<Integer, String> w : winners.entrySet()) {
            assertEquals(w.getValue(), new String(store.get("race/" + w.getKey()).bytes(), StandardCharsets.UTF_8));
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
