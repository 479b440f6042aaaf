package one.aisa.xlink.internal.client;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.config.CallPolicy;
import one.aisa.xlink.internal.config.Configuration;
import one.aisa.xlink.internal.config.TransportSettings;

/**
 * Builds the module's Rest Client with {@link RestClientBuilder}, on the first call to AIsa rather
 * than as a CDI bean at deployment, which keeps the Rest Client out of the application's start.
 * Applies the standard {@code aisa/mp-rest/*} transport keys itself, since MicroProfile applies
 * them only to CDI-managed clients: timeouts, proxy, trust store, key store, hostname verifier and
 * providers.
 */
public final class AisaClients {

    private AisaClients() {}

    /**
     * Builds a client for {@code baseUrl}.
     *
     * @param baseUrl AIsa's API root
     * @param call the Rest Client's connect and read timeouts
     * @param transport the transport keys, already checked at deployment
     * @param loader the application's class loader, for class-path stores and named classes
     * @return the client; close it with {@link #close(AisaTwitterApi)}
     * @throws XLinkConfigException if a store cannot be read or a named class cannot be used
     */
    public static AisaTwitterApi build(
            URI baseUrl, CallPolicy call, TransportSettings transport, ClassLoader loader) {
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(baseUrl);
        if (!call.connectTimeout().equals(CallPolicy.UNBOUNDED)) {
            builder.connectTimeout(call.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!call.readTimeout().equals(CallPolicy.UNBOUNDED)) {
            builder.readTimeout(call.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        transport.proxy().ifPresent(proxy -> builder.proxyAddress(proxy.host(), proxy.port()));
        transport.trustStore().ifPresent(store -> builder.trustStore(load(store, loader)));
        transport
                .keyStore()
                .ifPresent(
                        store ->
                                builder.keyStore(load(store, loader), store.password().orElse("")));
        transport
                .hostnameVerifier()
                .ifPresent(
                        name ->
                                builder.hostnameVerifier(
                                        instance(
                                                "hostnameVerifier",
                                                name,
                                                HostnameVerifier.class,
                                                loader)));
        for (TransportSettings.Provider provider : transport.providers()) {
            Class<?> type = type("providers", provider.className(), Object.class, loader);
            if (provider.priority().isPresent()) {
                builder.register(type, provider.priority().getAsInt());
            } else {
                builder.register(type);
            }
        }
        return builder.build(AisaTwitterApi.class);
    }

    /** Closes a client {@link #build} made, releasing its connections. */
    public static void close(AisaTwitterApi api) throws Exception {
        ((AutoCloseable) api).close();
    }

    private static KeyStore load(TransportSettings.Store store, ClassLoader loader) {
        try (InputStream in = open(store.location(), loader)) {
            KeyStore keys = KeyStore.getInstance(store.type());
            keys.load(in, store.password().map(String::toCharArray).orElse(null));
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            throw problem(
                    store.key()
                            + " ("
                            + store.location()
                            + ", type "
                            + store.type()
                            + ") could not be read: "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

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

    private static <T> T instance(String key, String name, Class<T> kind, ClassLoader loader) {
        Class<? extends T> type = type(key, name, kind, loader);
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw problem(
                    "aisa/mp-rest/"
                            + key
                            + ": "
                            + name
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
            throw problem("aisa/mp-rest/" + key + ": no class " + name + " in the application");
        }
        if (!kind.isAssignableFrom(type)) {
            throw problem("aisa/mp-rest/" + key + ": " + name + " is not a " + kind.getName());
        }
        return type.asSubclass(kind);
    }

    private static XLinkConfigException problem(String problem) {
        return Configuration.failure(List.of(problem));
    }
}
