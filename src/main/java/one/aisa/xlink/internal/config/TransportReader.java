package one.aisa.xlink.internal.config;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Rest Client's transport keys, each by the interface's name first and then by the
 * configKey {@code aisa}, as MicroProfile Rest Client reads them, and checks what can be checked
 * without opening anything: the proxy's form, where a store lives and that it has a password, that
 * classes are named by class names. A value a problem quotes never shows what precedes an
 * {@code @}, where a proxy or store URL would carry credentials.
 */
final class TransportReader {

    /** {@code host:port}: a DNS name (a final dot allowed) or an IPv6 address in brackets. */
    private static final Pattern PROXY =
            Pattern.compile(
                    "(?<host>\\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*\\]"
                            + "|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?)"
                            + ":(?<port>\\d{1,5})");

    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /** Standard keys that would have no effect on the module's client. */
    private static final List<String> WITHOUT_EFFECT = List.of("queryParamStyle", "scope");

    private final Function<String, Optional<String>> value;

    /**
     * @param value a key's value, blank values read as unset
     */
    TransportReader(Function<String, Optional<String>> value) {
        this.value = value;
    }

    TransportSettings read(List<String> problems) {
        int before = problems.size();
        for (String name : WITHOUT_EFFECT) {
            setting(name)
                    .ifPresent(
                            set ->
                                    problems.add(
                                            SettingsReader.describe(set.key())
                                                    + " has no effect on the module's client:"
                                                    + " remove it"));
        }
        setting("followRedirects")
                .filter(set -> Keys.readsAsTrue(set.text()))
                .ifPresent(
                        set ->
                                problems.add(
                                        SettingsReader.describe(set.key())
                                                + " is refused: a redirect would carry the API key"
                                                + " to another URL; remove it"));
        Optional<TransportSettings.Proxy> proxy =
                setting("proxyAddress").flatMap(set -> proxy(set, problems));
        Optional<TransportSettings.Store> trustStore =
                setting("trustStore").flatMap(set -> store(set, "trustStore", problems));
        Optional<TransportSettings.Store> keyStore =
                setting("keyStore").flatMap(set -> store(set, "keyStore", problems));
        Optional<TransportSettings.Named> verifier =
                setting("hostnameVerifier").flatMap(set -> className(set, problems));
        List<TransportSettings.Provider> providers =
                setting("providers").map(set -> providers(set, problems)).orElse(List.of());
        return problems.size() == before
                ? new TransportSettings(proxy, trustStore, keyStore, verifier, providers)
                : null;
    }

    private static Optional<TransportSettings.Proxy> proxy(Setting set, List<String> problems) {
        Matcher matcher = PROXY.matcher(set.text());
        int port = matcher.matches() ? Integer.parseInt(matcher.group("port")) : 0;
        if (port < 1 || port > 65535) {
            problems.add(set.refused("must be host:port with a port from 1 to 65535"));
            return Optional.empty();
        }
        String host = matcher.group("host");
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return Optional.of(new TransportSettings.Proxy(host, port));
    }

    private Optional<TransportSettings.Store> store(
            Setting set, String name, List<String> problems) {
        String location = set.text();
        if (!location.startsWith("classpath:") && !location.startsWith("file:")) {
            problems.add(set.refused("must start with classpath: or file:"));
            return Optional.empty();
        }
        if (!TransportSettings.Store.names(location)) {
            problems.add(
                    set.refused(
                            "must name a resource (classpath:/trust.p12) or a file (file:/abs,"
                                    + " file:///abs without a host, or file:relative)"));
            return Optional.empty();
        }
        Optional<Setting> password = setting(name + "Password");
        if (password.isEmpty()) {
            problems.add(
                    SettingsReader.describe(set.key())
                            + " needs "
                            + SettingsReader.describe(Keys.restClientConfigKey(name + "Password"))
                            + ": without it a store's entries may not be readable");
            return Optional.empty();
        }
        Optional<Setting> typeSetting = setting(name + "Type");
        String type = typeSetting.map(Setting::text).orElse("JKS");
        try {
            KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            problems.add(
                    typeSetting
                            .orElse(set)
                            .refused("must be a key store type this JVM knows (PKCS12, JKS)"));
            return Optional.empty();
        }
        return Optional.of(
                new TransportSettings.Store(set.key(), location, password.get().raw(), type));
    }

    private static Optional<TransportSettings.Named> className(Setting set, List<String> problems) {
        if (!CLASS_NAME.matcher(set.text()).matches()) {
            problems.add(set.refused("must be a class name"));
            return Optional.empty();
        }
        return Optional.of(new TransportSettings.Named(set.key(), set.text()));
    }

    private List<TransportSettings.Provider> providers(Setting set, List<String> problems) {
        List<TransportSettings.Provider> providers = new ArrayList<>();
        for (String part : set.text().split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!CLASS_NAME.matcher(name).matches()) {
                problems.add(
                        SettingsReader.describe(set.key())
                                + " names \""
                                + TransportSettings.withoutCredentials(name)
                                + "\", not a class name");
                continue;
            }
            OptionalInt priority =
                    setting("providers/" + name + "/priority")
                            .map(given -> priority(given, problems))
                            .orElse(OptionalInt.empty());
            providers.add(new TransportSettings.Provider(set.key(), name, priority));
        }
        return providers;
    }

    private static OptionalInt priority(Setting set, List<String> problems) {
        try {
            return OptionalInt.of(Integer.parseInt(set.text()));
        } catch (NumberFormatException e) {
            problems.add(set.refused("must be a whole number"));
            return OptionalInt.empty();
        }
    }

    /** The setting of {@code name}: by the interface's key when set, else by the configKey's. */
    private Optional<Setting> setting(String name) {
        for (String key : Keys.restClientKeys(name)) {
            Optional<String> set = value.apply(key);
            if (set.isPresent()) {
                return Optional.of(new Setting(key, set.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * A key that is set and its value.
     *
     * @param key the key
     * @param raw its value as set, for passwords
     */
    private record Setting(String key, String raw) {

        String text() {
            return raw.strip();
        }

        /** A problem that quotes the value without what precedes an {@code @}: never a password. */
        String refused(String rule) {
            return SettingsReader.describe(key)
                    + " "
                    + rule
                    + ", not \""
                    + TransportSettings.withoutCredentials(text())
                    + "\"";
        }

        @Override
        public String toString() {
            return "Setting[" + key + "]";
        }
    }
}
