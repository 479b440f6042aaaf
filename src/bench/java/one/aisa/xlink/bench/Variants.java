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
    static final String CONTROL_CLASSES = "one/aisa/xlink/bench/start/control/";
    static final String EXTENSION_SERVICE =
            "META-INF/services/jakarta.enterprise.inject.spi.Extension";
    static final String MANIFEST = "META-INF/MANIFEST.MF";

    /**
     * Entries to take out of an archive and entries to add to it.
     *
     * @param drop names the entries taken out
     * @param add path to content of each entry added
     */
    record Edit(Predicate<String> drop, Map<String, byte[]> add) {

        static final Edit NONE = new Edit(name -> false, Map.of());

        static Edit drop(Predicate<String> drop) {
            return new Edit(drop, Map.of());
        }
    }

    private Variants() {}

    /**
     * Writes a copy of {@code war} edited by {@code ofWar}, its library jar by {@code ofLibrary}.
     * The library is the only jar in the wars this edits.
     */
    static Path copy(Path war, Path to, Edit ofWar, Edit ofLibrary) throws IOException {
        Files.createDirectories(to.getParent());
        String variant = to.getFileName().toString().replace(".war", "");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (ofWar.drop().test(name)) {
                    continue;
                }
                boolean isLibrary = name.startsWith("WEB-INF/lib/") && name.endsWith(".jar");
                byte[] content = isLibrary ? in.readAllBytes() : null;
                byte[] changed = isLibrary ? edited(content, ofLibrary) : null;
                // Liberty keeps the jars it extracted from a war under the application's name
                // and may take a changed jar of the same name and time for the one it has: each
                // variant's changed library jar gets a name of its own.
                out.putNextEntry(
                        copyOf(
                                entry,
                                changed != null
                                        ? name.substring(0, name.length() - ".jar".length())
                                                + "-"
                                                + variant
                                                + ".jar"
                                        : name));
                if (isLibrary) {
                    out.write(changed != null ? changed : content);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            add(out, ofWar.add());
        }
        return to;
    }

    /** Returns the jar edited, or null if the edit leaves it as it is. */
    private static byte[] edited(byte[] jar, Edit edit) throws IOException {
        ByteArrayOutputStream edited = new ByteArrayOutputStream(jar.length);
        boolean changed = !edit.add().isEmpty();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(edited)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (edit.drop().test(entry.getName())) {
                    changed = true;
                    continue;
                }
                out.putNextEntry(copyOf(entry, entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            add(out, edit.add());
        }
        return changed ? edited.toByteArray() : null;
    }

    private static void add(ZipOutputStream out, Map<String, byte[]> entries) throws IOException {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.putNextEntry(new ZipEntry(entry.getKey()));
            out.write(entry.getValue());
            out.closeEntry();
        }
    }

    /** A new entry of that name with the entry's time, so its content is written anew. */
    private static ZipEntry copyOf(ZipEntry entry, String name) {
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(entry.getTime());
        return copy;
    }
}
