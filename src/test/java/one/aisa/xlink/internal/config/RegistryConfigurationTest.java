package one.aisa.xlink.internal.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading {@code aisa.x.registry} and its keys. */
class RegistryConfigurationTest {

    static final String AES_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    private static Configuration configuration(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        copy.putIfAbsent("aisa.api-key", "sk-aisa-TESTKEY-123");
        return new Configuration(key -> Optional.ofNullable(copy.get(key)));
    }

    @Test
    void memoryIsTheDefault() {
        RegistrySettings settings = configuration(Map.of()).registry();

        assertThat(settings.kind()).isEqualTo(RegistrySettings.Kind.MEMORY);
    }

    @Test
    void jdbcWithItsRequiredKeysTakesTheDefaultsForTheRest() {
        RegistrySettings settings =
                configuration(
                                Map.of(
                                        "aisa.x.registry", "JDBC",
                                        "aisa.x.registry.datasource", "jdbc/links",
                                        "aisa.x.registry.encryption-key", AES_KEY))
                        .registry();

        assertThat(settings.kind()).isEqualTo(RegistrySettings.Kind.JDBC);
        assertThat(settings.dataSource()).isEqualTo("jdbc/links");
        assertThat(settings.encryptionKey()).hasSize(32);
        assertThat(settings.table()).isEqualTo("aisa_x_link");
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.claimLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.toString()).doesNotContain(AES_KEY);
    }

    @Test
    void jdbcWithoutItsKeysListsBothProblemsWithKeyAndVariable() {
        List<String> problems =
                configuration(Map.of("aisa.x.registry", "jdbc")).problems(List.of("default"));

        assertThat(problems)
                .containsExactly(
                        "aisa.x.registry.datasource (env AISA_X_REGISTRY_DATASOURCE) is missing:"
                                + " set it to the JNDI name of the DataSource that holds the"
                                + " pending links, such as \"jdbc/aisaXLink\"",
                        "aisa.x.registry.encryption-key (env AISA_X_REGISTRY_ENCRYPTION_KEY) is"
                                + " missing: set it to 32 random bytes in base64 (for example the"
                                + " output of \"openssl rand -base64 32\"), the same on every"
                                + " server");
    }

    @Test
    void malformedValuesAreAllListedAndTheKeyIsNeverQuoted() {
        String shortKey = "c2hvcnQta2V5LXNlY3JldA==";
        List<String> problems =
                configuration(
                                Map.of(
                                        "aisa.x.registry", "jdbc",
                                        "aisa.x.registry.datasource", "jdbc/links",
                                        "aisa.x.registry.encryption-key", shortKey,
                                        "aisa.x.registry.table", "links; DROP TABLE x",
                                        "aisa.x.registry.sweep-interval", "PT0.01S",
                                        "aisa.x.registry.claim-lease", "soon"))
                        .problems(List.of("default"));

        assertThat(problems)
                .containsExactly(
                        "aisa.x.registry.encryption-key (env AISA_X_REGISTRY_ENCRYPTION_KEY) must"
                                + " decode to 32 bytes (AES-256), not 16 (its value is not shown)",
                        "aisa.x.registry.table (env AISA_X_REGISTRY_TABLE) must be a plain SQL"
                                + " name (a letter, then letters, digits or _, at most 30"
                                + " characters), not \"links; DROP TABLE x\"",
                        "aisa.x.registry.sweep-interval (env AISA_X_REGISTRY_SWEEP_INTERVAL) must"
                                + " be at least PT0.1S, not PT0.01S",
                        "aisa.x.registry.claim-lease (env AISA_X_REGISTRY_CLAIM_LEASE) is not an"
                                + " ISO-8601 duration such as \"PT10M\": \"soon\"");
        assertThat(String.join("\n", problems)).doesNotContain(shortKey);
    }

    @Test
    void unknownKindIsAProblem() {
        assertThat(configuration(Map.of("aisa.x.registry", "redis")).problems(List.of("default")))
                .containsExactly(
                        "aisa.x.registry (env AISA_X_REGISTRY) must be \"memory\" or \"jdbc\", not"
                                + " \"redis\"");
    }

    @Test
    void keyThatIsNotBase64IsRefusedWithoutQuotingIt() {
        List<String> problems =
                configuration(
                                Map.of(
                                        "aisa.x.registry", "jdbc",
                                        "aisa.x.registry.datasource", "jdbc/links",
                                        "aisa.x.registry.encryption-key", "not*base64*secret"))
                        .problems(List.of("default"));

        assertThat(problems)
                .containsExactly(
                        "aisa.x.registry.encryption-key (env AISA_X_REGISTRY_ENCRYPTION_KEY) is not"
                                + " base64 (its value is not shown)");
    }
}
