package one.aisa.xlink.internal.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.internal.client.AisaTwitterApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Rest Client's transport keys as the configuration reads and checks them at deployment. */
class TransportReaderTest {

    static final String INTERFACE = "one.aisa.xlink.internal.client.AisaTwitterApi/mp-rest/";

    static TransportSettings transport(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Configuration(key -> Optional.ofNullable(values.get(key))).shared().transport();
    }

    @Test
    void theInterfacesKeysAreNamedAfterTheClientInterface() {
        assertThat(Keys.CLIENT_INTERFACE + "/mp-rest/")
                .isEqualTo(AisaTwitterApi.class.getName() + "/mp-rest/");
        assertThat(INTERFACE).startsWith(AisaTwitterApi.class.getName());
    }

    @Test
    void nothingSetMeansTheJvmsTrustAndNoProxy() {
        assertThat(transport()).isEqualTo(TransportSettings.NONE);
        assertThat(transport("aisa/mp-rest/proxyAddress", "  ")).isEqualTo(TransportSettings.NONE);
    }

    @Test
    void proxyIsHostAndPort() {
        assertThat(transport("aisa/mp-rest/proxyAddress", "127.0.0.1:3128").proxy())
                .contains(new TransportSettings.Proxy("127.0.0.1", 3128));
        assertThat(transport("aisa/mp-rest/proxyAddress", "[::1]:8080").proxy())
                .contains(new TransportSettings.Proxy("::1", 8080));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "proxy.local", "proxy.local:0", "proxy.local:65536", "http://p:80", ":80",
                "[:]:80", "-:80", "*:80", "ho%st:80", "user@proxy.local:80"
            })
    void malformedProxyIsRefused(String proxy) {
        assertThatThrownBy(() -> transport("aisa/mp-rest/proxyAddress", proxy))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContaining(
                        "aisa/mp-rest/proxyAddress (env AISA_MP_REST_PROXYADDRESS) must be"
                                + " host:port with a port from 1 to 65535, not \""
                                + TransportSettings.withoutCredentials(proxy)
                                + "\"");
    }

    @Test
    void storesTakeTheirPasswordAndTypeAndNeverShowThePassword() {
        TransportSettings transport =
                transport(
                        "aisa/mp-rest/trustStore",
                        "classpath:/aisa-trust.p12",
                        "aisa/mp-rest/trustStorePassword",
                        " s3cret trust ",
                        "aisa/mp-rest/trustStoreType",
                        "PKCS12",
                        "aisa/mp-rest/keyStore",
                        "file:/etc/aisa/client.jks",
                        INTERFACE + "keyStorePassword",
                        "s3cret-keys");

        TransportSettings.Store trust = transport.trustStore().orElseThrow();
        assertThat(trust.location()).isEqualTo("classpath:/aisa-trust.p12");
        assertThat(trust.password()).as("kept as set, spaces and all").isEqualTo(" s3cret trust ");
        assertThat(trust.type()).isEqualTo("PKCS12");
        assertThat(trust.toString()).doesNotContain("s3cret");
        TransportSettings.Store keys = transport.keyStore().orElseThrow();
        assertThat(keys.type()).as("the specification's default type").isEqualTo("JKS");
        assertThat(keys.password()).as("by the interface's key").isEqualTo("s3cret-keys");
    }

    @Test
    void theInterfacesKeyWinsOverTheConfigKeys() {
        TransportSettings transport =
                transport(
                        "aisa/mp-rest/trustStore",
                        "classpath:/by-config-key.p12",
                        INTERFACE + "trustStore",
                        "classpath:/by-interface.p12",
                        "aisa/mp-rest/trustStorePassword",
                        "changeit",
                        "aisa/mp-rest/proxyAddress",
                        "127.0.0.1:1",
                        INTERFACE + "proxyAddress",
                        "127.0.0.1:2");

        assertThat(transport.trustStore().orElseThrow().location())
                .isEqualTo("classpath:/by-interface.p12");
        assertThat(transport.trustStore().orElseThrow().key()).isEqualTo(INTERFACE + "trustStore");
        assertThat(transport.proxy()).contains(new TransportSettings.Proxy("127.0.0.1", 2));
    }

    @Test
    void providersKeepTheirOrderAndPriorities() {
        TransportSettings transport =
                transport(
                        "aisa/mp-rest/providers", "com.acme.Tracing, com.acme.Audit,",
                        "aisa/mp-rest/providers/com.acme.Audit/priority", "4000",
                        "aisa/mp-rest/hostnameVerifier", "com.acme.Verifier");

        assertThat(transport.providers())
                .containsExactly(
                        new TransportSettings.Provider(
                                "aisa/mp-rest/providers", "com.acme.Tracing", OptionalInt.empty()),
                        new TransportSettings.Provider(
                                "aisa/mp-rest/providers", "com.acme.Audit", OptionalInt.of(4000)));
        assertThat(transport.hostnameVerifier())
                .contains(
                        new TransportSettings.Named(
                                "aisa/mp-rest/hostnameVerifier", "com.acme.Verifier"));
    }

    @Test
    void everyTransportProblemIsListedInOneMessage() {
        assertThatThrownBy(
                        () ->
                                transport(
                                        "aisa/mp-rest/trustStore",
                                        "/etc/aisa/trust.p12",
                                        "aisa/mp-rest/keyStore",
                                        "classpath:/client.p12",
                                        "aisa/mp-rest/hostnameVerifier",
                                        "not a class",
                                        "aisa/mp-rest/providers",
                                        "com.acme.Ok,com.acme.Bad-Name",
                                        "aisa/mp-rest/providers/com.acme.Ok/priority",
                                        "high",
                                        "aisa/mp-rest/followRedirects",
                                        "true",
                                        "aisa/mp-rest/queryParamStyle",
                                        "COMMA_SEPARATED",
                                        INTERFACE + "scope",
                                        "jakarta.inject.Singleton"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageStartingWith(
                        "AISAX001: aisa-x-link is not configured correctly (8 problems)")
                .hasMessageContainingAll(
                        "aisa/mp-rest/trustStore (env AISA_MP_REST_TRUSTSTORE) must start with"
                                + " classpath: or file:, not \"/etc/aisa/trust.p12\"",
                        "aisa/mp-rest/keyStore (env AISA_MP_REST_KEYSTORE) needs"
                                + " aisa/mp-rest/keyStorePassword",
                        "aisa/mp-rest/hostnameVerifier (env AISA_MP_REST_HOSTNAMEVERIFIER) must be a"
                                + " class name, not \"not a class\"",
                        "names \"com.acme.Bad-Name\", not a class name",
                        "aisa/mp-rest/providers/com.acme.Ok/priority (env"
                                + " AISA_MP_REST_PROVIDERS_COM_ACME_OK_PRIORITY) must be a whole"
                                + " number, not \"high\"",
                        "aisa/mp-rest/followRedirects (env AISA_MP_REST_FOLLOWREDIRECTS) is"
                                + " refused: a redirect would carry the API key to another URL",
                        "aisa/mp-rest/queryParamStyle (env AISA_MP_REST_QUERYPARAMSTYLE) has no"
                                + " effect on the module's client: remove it",
                        INTERFACE + "scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"False", "no", "0", "off"})
    void followRedirectsThatReadsAsFalseIsAccepted(String value) {
        assertThat(transport("aisa/mp-rest/followRedirects", value))
                .isEqualTo(TransportSettings.NONE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "classpath:",
                "classpath:/",
                "file:",
                "file://stores/trust.p12",
                "file:///a b.p12"
            })
    void aLocationThatNamesNoStoreIsRefusedAtDeployment(String location) {
        assertThatThrownBy(
                        () ->
                                transport(
                                        "aisa/mp-rest/trustStore",
                                        location,
                                        "aisa/mp-rest/trustStorePassword",
                                        "changeit"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContaining(
                        "aisa/mp-rest/trustStore (env AISA_MP_REST_TRUSTSTORE) must name a resource");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "classpath:trust.p12",
                "file:/etc/aisa/a b.p12",
                "file:///etc/aisa/trust.p12",
                "file:stores/trust.p12"
            })
    void aLocationThatNamesAStoreIsAccepted(String location) {
        assertThat(
                        transport(
                                        "aisa/mp-rest/trustStore",
                                        location,
                                        "aisa/mp-rest/trustStorePassword",
                                        "changeit")
                                .trustStore())
                .map(TransportSettings.Store::location)
                .contains(location);
    }

    @Test
    void aStoreTypeTheJvmDoesNotKnowIsRefusedAtDeployment() {
        assertThatThrownBy(
                        () ->
                                transport(
                                        "aisa/mp-rest/keyStore", "classpath:/client.p12",
                                        "aisa/mp-rest/keyStorePassword", "changeit",
                                        "aisa/mp-rest/keyStoreType", "NOPE"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContaining(
                        "aisa/mp-rest/keyStoreType (env AISA_MP_REST_KEYSTORETYPE) must be a key"
                                + " store type this JVM knows (PKCS12, JKS), not \"NOPE\"");
    }

    @Test
    void aStoreShowsItsLocationWithoutCredentials() {
        TransportSettings.Store store =
                new TransportSettings.Store(
                        "aisa/mp-rest/trustStore", "file:/ops:s3cret@x.p12", "s3cret", "JKS");

        assertThat(store.toString()).doesNotContain("s3cret").contains("<redacted>@x.p12");
    }

    @Test
    void credentialsInAProxyOrStoreUrlNeverAppearInAProblem() {
        assertThatThrownBy(
                        () ->
                                transport(
                                        "aisa/mp-rest/proxyAddress",
                                        "http://ops:s3cret@proxy.internal:3128",
                                        "aisa/mp-rest/trustStore",
                                        "https://ops:s3cret@stores.internal/trust.p12",
                                        "aisa/mp-rest/trustStorePassword",
                                        "s3cret"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContainingAll(
                        "not \"<redacted>@proxy.internal:3128\"",
                        "not \"<redacted>@stores.internal/trust.p12\"")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("ops:");
        assertThatThrownBy(() -> transport("aisa/mp-rest/followRedirects", "yes"))
                .hasMessageContaining("is refused: a redirect would carry the API key");
    }
}
