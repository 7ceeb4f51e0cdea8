package io.lode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of storage-api point down: each rule here names a dependency that would point up or
 * sideways, and the test reads the main sources' imports to show none exists. A new import that
 * breaks a rule fails here, with the file and the line, before the layering erodes.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.lode\\.[\\w.]+);", Pattern.MULTILINE);

    /** One import: the importing file, its package, and what it imports. */
    private record Import(Path file, String fromPackage, String imported) {}

    private static List<Import> imports() {
        List<Import> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(new Import(file, pkg, m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean inPackage(String name, String pkg) {
        return name.startsWith(pkg + ".") || name.equals(pkg);
    }

    /** The imports from packages {@code from} (and below) of anything in {@code to} (and below). */
    private static List<String> violations(String from, String to) {
        return imports().stream()
                .filter(i -> inPackage(i.fromPackage(), from) && inPackage(i.imported(), to))
                .map(i -> i.file() + " imports " + i.imported())
                .toList();
    }

    @Test
    void theSourcesAreFound() {
        assertFalse(imports().isEmpty(), "no imports read under " + SOURCES.toAbsolutePath());
    }

    @Test
    void theGarbageCollectorDoesNotReachUpIntoTheEngine() {
        assertEquals(List.of(), violations("io.lode.isle.gc", "io.lode.isle.engine"));
    }

    @Test
    void theEnginesBuildingBlocksDependOnNeitherTheEngineNorTheCollector() {
        for (String lower : List.of("io.lode.isle.manifest", "io.lode.isle.cache", "io.lode.isle.blob",
                "io.lode.isle.value", "io.lode.isle.background")) {
            assertEquals(List.of(), violations(lower, "io.lode.isle.engine"), lower);
            assertEquals(List.of(), violations(lower, "io.lode.isle.gc"), lower);
        }
    }

    @Test
    void publicIsleTypesUseNoInternalPackageExceptTheEntryPointThatWiresThem() {
        List<String> leaks = imports().stream()
                .filter(i -> i.fromPackage().equals("io.lode.isle") && i.imported().matches("io\\.lode\\.isle\\.[a-z]+\\..*"))
                .filter(i -> !i.file().getFileName().toString().equals("IsleDB.java"))
                .map(i -> i.file() + " imports " + i.imported())
                .toList();
        assertEquals(List.of(), leaks);
    }

    @Test
    void theStoreInterfacesDoNotDependOnTheParadigmsBuiltOnThem() {
        for (String above : List.of("io.lode.dataset", "io.lode.volume", "io.lode.isle")) {
            assertEquals(List.of(), violations("io.lode.spi", above), above);
            assertEquals(List.of(), violations("io.lode.store", above), above);
        }
    }

    @Test
    void volumesAndDatasetsShareHistoryThroughANeutralPackageNotEachOthersInternals() {
        assertEquals(List.of(), violations("io.lode.volume", "io.lode.dataset.internal"));
        assertEquals(List.of(), violations("io.lode.dataset", "io.lode.volume"));
        assertEquals(List.of(), violations("io.lode.snapshot", "io.lode.dataset.internal"), "the shared history is below both");
        assertEquals(List.of(), violations("io.lode.snapshot", "io.lode.volume"));
        assertEquals(List.of(), violations("io.lode.snapshot", "io.lode.isle"));
    }

    @Test
    void noParadigmDependsOnAnother() {
        assertEquals(List.of(), violations("io.lode.isle", "io.lode.dataset"));
        assertEquals(List.of(), violations("io.lode.isle", "io.lode.volume"));
        assertEquals(List.of(), violations("io.lode.dataset", "io.lode.isle"));
        assertEquals(List.of(), violations("io.lode.volume", "io.lode.isle"));
    }
}
