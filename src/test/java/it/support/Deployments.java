package it.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test applications: the library as the packaged jar in {@code WEB-INF/lib}, exactly as
 * users deploy it, plus the given test classes and an inline {@code
 * microprofile-config.properties}. Runs in the client JVM only.
 */
public final class Deployments {

    private static final String BEANS_ALL =
            "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                    + " bean-discovery-mode=\"all\"/>";

    private Deployments() {}

    /** Returns the library jar the build produced. */
    public static JavaArchive library() {
        String path = System.getProperty("library.jar");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException(
                    "library.jar must name the packaged library (run through mvn verify): " + path);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(path));
    }

    /**
     * Returns the jar a test-classpath class was loaded from, for libraries tests use in Liberty.
     */
    public static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns an application that uses the library with the given configuration. */
    public static WebArchive app(String name, String config, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(library())
                .addAsLibrary(jarOf(org.assertj.core.api.Assertions.class))
                .addClasses(classes)
                .addClasses(
                        Answers.class,
                        ControlClient.class,
                        StubAdmin.class,
                        RecordedEvents.class,
                        RecordedEvents.Seen.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
                .addAsWebInfResource(new StringAsset(BEANS_ALL), "beans.xml");
    }
}
