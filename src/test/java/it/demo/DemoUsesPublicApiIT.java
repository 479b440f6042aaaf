package it.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo is an ordinary user of the library: its classes mention no {@code
 * one.aisa.xlink.internal} type, the library jar holds no demo class, and the demo war carries the
 * library only as the jar in {@code WEB-INF/lib}. Reads what {@code mvn package} built.
 */
class DemoUsesPublicApiIT {

    private static final Path DEMO_CLASSES = Path.of("target", "demo-classes");
    private static final Path LIBRARY_CLASSES = Path.of("target", "classes");
    private static final Path DEMO_WAR = Path.of("target", "aisa-x-link-demo.war");

    /** The internal package as class files name it, and as reflection or a string would. */
    private static final List<byte[]> INTERNAL_NAMES =
            List.of(
                    "one/aisa/xlink/internal".getBytes(StandardCharsets.UTF_8),
                    "one.aisa.xlink.internal".getBytes(StandardCharsets.UTF_8));

    @Test
    void demoClassesReferenceNoInternalPackage() {
        List<Path> classes = classFiles(DEMO_CLASSES);

        assertThat(classes)
                .as("compiled demo classes in %s (built by mvn package)", DEMO_CLASSES)
                .isNotEmpty();
        assertThat(referencingInternals(classes))
                .as("demo classes that reference one.aisa.xlink.internal")
                .isEmpty();
    }

    @Test
    void checkRecognisesInternalReferences() {
        // The library's own internal classes reference their package: the scan must see them.
        assertThat(referencingInternals(classFiles(LIBRARY_CLASSES)))
                .as("library classes that reference one.aisa.xlink.internal")
                .isNotEmpty();
    }

    @Test
    void libraryJarHoldsNoDemoClass() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar =
                    files.filter(
                                    p -> {
                                        String name = p.getFileName().toString();
                                        return name.startsWith("aisa-x-link-")
                                                && name.endsWith(".jar")
                                                && !name.endsWith("-sources.jar")
                                                && !name.endsWith("-javadoc.jar");
                                    })
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no library jar in target/"));
        }

        assertThat(entries(jar))
                .as("entries of %s", jar)
                .contains("one/aisa/xlink/XAccountLinker.class")
                .noneMatch(name -> name.startsWith("one/aisa/xlink/demo/"));
    }

    @Test
    void demoWarCarriesTheLibraryOnlyAsItsJar() throws IOException {
        List<String> entries = entries(DEMO_WAR);

        assertThat(entries)
                .as("entries of %s", DEMO_WAR)
                .contains("WEB-INF/classes/one/aisa/xlink/demo/LinksResource.class", "index.html")
                .anyMatch(name -> name.matches("WEB-INF/lib/aisa-x-link-[^/]+\\.jar"))
                .noneMatch(
                        name ->
                                name.startsWith("WEB-INF/classes/one/aisa/xlink/")
                                        && name.endsWith(".class")
                                        && !name.startsWith(
                                                "WEB-INF/classes/one/aisa/xlink/demo/"));
    }

    private static List<Path> classFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> referencingInternals(List<Path> classes) {
        List<Path> offenders = new ArrayList<>();
        for (Path file : classes) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (INTERNAL_NAMES.stream().anyMatch(name -> contains(bytes, name))) {
                offenders.add(file);
            }
        }
        return offenders;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static List<String> entries(Path archive) throws IOException {
        assertThat(archive).as("archive built by mvn package").isRegularFile();
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                names.add(all.nextElement().getName());
            }
        }
        return names;
    }
}
