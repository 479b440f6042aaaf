package one.aisa.xlink.internal.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.config.CallPolicy;
import one.aisa.xlink.internal.config.Configuration;
import one.aisa.xlink.internal.config.Keys;
import one.aisa.xlink.internal.config.TransportSettings;

/**
 * Builds the module's Rest Client with {@link RestClientBuilder}, on the first call to AIsa rather
 * than as a CDI bean at deployment, which keeps the Rest Client out of the application's start.
 * Applies the standard {@code aisa/mp-rest/*} transport keys itself (timeouts, proxy, trust store,
 * key store, hostname verifier, providers): MicroProfile Rest Client specifies them for CDI-managed
 * clients. Every failure to apply one is an {@link XLinkConfigException} naming its key.
 */
public final class AisaClients {

    private AisaClients() {}

    /**
     * Builds a client for {@code baseUrl}, with {@code loader} as the thread's context class loader
     * meanwhile, so that the Rest Client implementation, class-path stores and named classes are
     * the application's whichever thread makes the first call.
     *
     * @param baseUrl AIsa's API root
     * @param call the Rest Client's connect and read timeouts, {@link CallPolicy#UNBOUNDED} for
     *     none
     * @param transport the transport keys, already checked at deployment
     * @param loader the application's class loader
     * @return the client; close it with {@link #close(AisaTwitterApi)}
     * @throws XLinkConfigException if a store cannot be read, a named class cannot be used, or the
     *     Rest Client refuses what the keys set
     */
    public static AisaTwitterApi build(
            URI baseUrl, CallPolicy call, TransportSettings transport, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            RestClientBuilder builder =
                    RestClientBuilder.newBuilder()
                            .baseUri(baseUrl)
                            .connectTimeout(millis(call.connectTimeout()), TimeUnit.MILLISECONDS)
                            .readTimeout(millis(call.readTimeout()), TimeUnit.MILLISECONDS);
            transport.proxy().ifPresent(proxy -> builder.proxyAddress(proxy.host(), proxy.port()));
            transport.trustStore().ifPresent(store -> builder.trustStore(load(store, loader)));
            transport
                    .keyStore()
                    .ifPresent(store -> builder.keyStore(load(store, loader), store.password()));
            transport
                    .hostnameVerifier()
                    .ifPresent(
                            named ->
                                    builder.hostnameVerifier(
                                            instance(named, HostnameVerifier.class, loader)));
            for (TransportSettings.Provider provider : transport.providers()) {
                Class<?> type = type(provider.key(), provider.className(), Object.class, loader);
                if (provider.priority().isPresent()) {
                    builder.register(type, provider.priority().getAsInt());
                } else {
                    builder.register(type);
                }
            }
            return builder.build(AisaTwitterApi.class);
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof XLinkConfigException known) {
                throw known;
            }
            throw problem(
                    "the Rest Client could not be built from the aisa/mp-rest keys ("
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Closes a client {@link #build} made, releasing its connections.
     *
     * @param api the client
     * @throws Exception if the Rest Client fails to close it
     */
    public static void close(AisaTwitterApi api) throws Exception {
        ((AutoCloseable) api).close();
    }

    /** Milliseconds for the builder: zero, which it reads as no limit, for an unbounded wait. */
    private static long millis(Duration wait) {
        return wait.equals(CallPolicy.UNBOUNDED) ? 0 : wait.toMillis();
    }

    private static KeyStore load(TransportSettings.Store store, ClassLoader loader) {
        try (InputStream in = open(store.location(), loader)) {
            KeyStore keys = KeyStore.getInstance(store.type());
            keys.load(in, store.password().toCharArray());
            return keys;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw problem(
                    described(store.key())
                            + " ("
                            + TransportSettings.withoutCredentials(store.location())
                            + ", type "
                            + store.type()
                            + ") could not be read with its password and type: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /**
     * Opens {@code classpath:<resource>} (a leading {@code /} optional) with the application's
     * class loader, or {@code file:<path>}: {@code file:///abs}, {@code file:/abs}, or a path
     * relative to the server's working directory.
     */
    private static InputStream open(String location, ClassLoader loader) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/+", "");
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("no class-path resource " + resource);
            }
            return in;
        }
        String path = location.substring("file:".length());
        return Files.newInputStream(
                path.startsWith("//") ? Path.of(URI.create(location)) : Path.of(path));
    }

    private static <T> T instance(
            TransportSettings.Named named, Class<T> kind, ClassLoader loader) {
        Class<? extends T> type = type(named.key(), named.className(), kind, loader);
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw problem(
                    described(named.key())
                            + ": "
                            + named.className()
                            + " could not be created with its public no-argument constructor ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
    }

    private static <T> Class<? extends T> type(
            String key, String name, Class<T> kind, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw problem(described(key) + ": no class " + name + " in the application");
        }
        if (!kind.isAssignableFrom(type)) {
            throw problem(described(key) + ": " + name + " is not a " + kind.getName());
        }
        return type.asSubclass(kind);
    }

    private static String described(String key) {
        return key + " (env " + Keys.environmentVariable(key) + ")";
    }

    private static XLinkConfigException problem(String problem) {
        return Configuration.failure(List.of(problem));
    }
}
