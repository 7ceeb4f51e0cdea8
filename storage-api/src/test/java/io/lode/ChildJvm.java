package io.lode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A probe run in a JVM of its own, with the JVM options a test needs (a small heap, a committed
 * heap): what a test of memory bounds must measure apart from the test JVM. The probe prints its
 * figures as {@code name=value} words on lines that start with a tag.
 */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * Runs {@code main} with {@code jvmOptions} and {@code args} on the test class path, waits up to
     * ten minutes, asserts it exited with 0, and returns everything it printed.
     *
     * @param output a file for what it prints (kept for a failure's message)
     */
    public static String run(List<String> jvmOptions, Class<?> main, Path output, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), main.getSimpleName() + " finished");
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), printed);
        return printed;
    }

    /** The figures of every line of {@code printed} that starts with {@code tag}, in order. */
    public static List<Map<String, Long>> figures(String printed, String tag) {
        return printed.lines().filter(l -> l.startsWith(tag))
                .map(l -> Stream.of(l.substring(tag.length()).trim().split(" ")).map(f -> f.split("="))
                        .collect(Collectors.toMap(f -> f[0], f -> Long.parseLong(f[1]))))
                .toList();
    }
}
