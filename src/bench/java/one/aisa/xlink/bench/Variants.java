package one.aisa.xlink.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds the start-up split's wars from the wars the build made: the one-resource application with
 * the library, with entries of the war or of the library jar taken out and classes the build
 * compiled added. Nothing is recompiled.
 */
final class Variants {

    static final String MODULE_CLASSES = "WEB-INF/classes/one/aisa/xlink/bench/start/module/";
    static final String INJECTED_CLASSES = "WEB-INF/classes/one/aisa/xlink/bench/start/injected/";
    static final String EXTENSION_SERVICE =
            "META-INF/services/jakarta.enterprise.inject.spi.Extension";

    private Variants() {}

    /**
     * Writes a copy of {@code war} without the entries {@code drop} names, with each entry of
     * {@code add} (war path to content), and with the library jar's own entries that {@code
     * dropFromLibrary} names taken out.
     */
    static Path copy(
            Path war,
            Path to,
            Predicate<String> drop,
            Map<String, byte[]> add,
            Predicate<String> dropFromLibrary)
            throws IOException {
        Files.createDirectories(to.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (drop.test(name)) {
                    continue;
                }
                boolean library = name.startsWith("WEB-INF/lib/") && name.endsWith(".jar");
                byte[] content = library ? in.readAllBytes() : null;
                byte[] changed = library ? withoutEntries(content, dropFromLibrary) : null;
                // Liberty keeps the jars it extracted from a war under the application's name
                // and may take a changed jar of the same name and time for the one it has: a
                // changed library jar gets a name of its own.
                out.putNextEntry(
                        copyOf(
                                entry,
                                changed != null ? name.replace(".jar", "-changed.jar") : name));
                if (library) {
                    out.write(changed != null ? changed : content);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> entry : add.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return to;
    }

    /** Returns the jar without the entries {@code drop} names, or null if it names none. */
    private static byte[] withoutEntries(byte[] jar, Predicate<String> drop) throws IOException {
        ByteArrayOutputStream smaller = new ByteArrayOutputStream(jar.length);
        boolean dropped = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(smaller)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (drop.test(entry.getName())) {
                    dropped = true;
                    continue;
                }
                out.putNextEntry(copyOf(entry, entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return dropped ? smaller.toByteArray() : null;
    }

    /** A new entry of that name with the entry's time, so its content is written anew. */
    private static ZipEntry copyOf(ZipEntry entry, String name) {
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(entry.getTime());
        return copy;
    }
}
