package one.aisa.xlink.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import one.aisa.xlink.XLinkConfigException;
import one.aisa.xlink.XScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationTest {

    private static final String KEY = "sk-aisa-TESTKEY-123";
    private static final String NL = System.lineSeparator();

    private static Configuration configuration(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return new Configuration(key -> Optional.ofNullable(copy.get(key)));
    }

    private static Configuration withKey(String key, String value) {
        return configuration(Map.of("aisa.api-key", KEY, key, value));
    }

    private static String onlyProblem(Configuration configuration) {
        List<String> problems = configuration.problems(List.of("default"));
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void defaultsApplyWhenOnlyTheKeyIsSet() {
        Configuration configuration = configuration(Map.of("aisa.api-key", KEY));

        SharedSettings shared = configuration.shared();
        AccountSettings account = configuration.account("default");

        assertThat(shared.baseUrl()).isEqualTo(URI.create("https://api.aisa.one/apis/v1"));
        assertThat(shared.linkLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(shared.authHosts()).containsExactly("twitter.com", "x.com");
        assertThat(account.name()).isEqualTo("default");
        assertThat(account.apiKey()).isEqualTo(KEY);
        assertThat(account.defaultScopes()).containsExactlyElementsOf(XScope.defaults());
        assertThat(configuration.problems(List.of("default"))).isEmpty();
    }

    @Test
    void accountSettingsNeverPrintTheKey() {
        AccountSettings account = configuration(Map.of("aisa.api-key", KEY)).account("default");

        assertThat(account.toString()).doesNotContain(KEY).contains("name=default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankKeyCountsAsMissing(String blank) {
        Configuration configuration = configuration(Map.of("aisa.api-key", blank));

        assertThat(onlyProblem(configuration))
                .isEqualTo(
                        "aisa.api-key (env AISA_API_KEY) is missing or blank: set it to the AIsa"
                                + " API key of account 'default'");
    }

    @Test
    void missingKeyFailsWithOneProblemInTheDocumentedShape() {
        Configuration configuration = configuration(Map.of());

        assertThatThrownBy(() -> configuration.account("default"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessage(
                        "AISAX001: aisa-x-link is not configured correctly (1 problem):"
                                + NL
                                + "  - aisa.api-key (env AISA_API_KEY) is missing or blank: set it"
                                + " to the AIsa API key of account 'default'");
    }

    @Test
    void sharedSettingsDoNotNeedAKey() {
        assertThat(configuration(Map.of()).shared().baseUrl())
                .isEqualTo(URI.create("https://api.aisa.one/apis/v1"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sk-aisa TESTKEY",
                " sk-aisa-TESTKEY",
                "sk-aisa-TESTKEY\n",
                "sk-aisa-\tTESTKEY",
                "sk-aisa-\u007fTESTKEY"
            })
    void keyWithWhiteSpaceOrControlCharactersIsRefusedWithoutQuotingIt(String key) {
        Configuration configuration = configuration(Map.of("aisa.api-key", key));

        String problem = onlyProblem(configuration);

        assertThat(problem)
                .isEqualTo(
                        "aisa.api-key (env AISA_API_KEY) contains white space or control"
                                + " characters: an AIsa API key has none")
                .doesNotContain("TESTKEY");
        assertThatThrownBy(() -> configuration.account("default"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageNotContaining("TESTKEY");
    }

    @Test
    void namedAccountReadsItsOwnKeyAndScopes() {
        Configuration configuration =
                configuration(
                        Map.of(
                                "aisa.api-key", "sk-aisa-DEFAULT",
                                "aisa.accounts.marketing.api-key", KEY,
                                "aisa.accounts.marketing.default-scopes",
                                        "tweet.read, tweet.write"));

        AccountSettings marketing = configuration.account("marketing");

        assertThat(marketing.name()).isEqualTo("marketing");
        assertThat(marketing.apiKey()).isEqualTo(KEY);
        assertThat(marketing.defaultScopes())
                .containsExactly(XScope.TWEET_READ, XScope.TWEET_WRITE);
        assertThat(configuration.account("default").apiKey()).isEqualTo("sk-aisa-DEFAULT");
    }

    @Test
    void namedAccountWithoutKeyNamesItsKeyAndEnvironmentVariable() {
        Configuration configuration = configuration(Map.of("aisa.api-key", KEY));

        assertThat(configuration.problems(List.of("marketing")))
                .containsExactly(
                        "aisa.accounts.marketing.api-key (env AISA_ACCOUNTS_MARKETING_API_KEY) is"
                                + " missing or blank: set it to the AIsa API key of account"
                                + " 'marketing'");
    }

    @Test
    void hyphenatedAccountNameMapsToUnderscoresInTheEnvironmentVariable() {
        Configuration configuration = configuration(Map.of());

        assertThat(configuration.problems(List.of("sales-eu")))
                .singleElement()
                .asString()
                .startsWith(
                        "aisa.accounts.sales-eu.api-key (env AISA_ACCOUNTS_SALES_EU_API_KEY) is"
                                + " missing");
    }

    @Test
    void namedAccountMalformedScopeNamesItsKey() {
        Configuration configuration =
                configuration(
                        Map.of(
                                "aisa.accounts.marketing.api-key",
                                KEY,
                                "aisa.accounts.marketing.default-scopes",
                                "tweet.read,Tweet"));

        assertThat(configuration.problems(List.of("marketing")))
                .containsExactly(
                        "aisa.accounts.marketing.default-scopes (env"
                                + " AISA_ACCOUNTS_MARKETING_DEFAULT_SCOPES): Malformed X scope name"
                                + " \"Tweet\": expected lower-case words separated by dots, such"
                                + " as \"tweet.read\"");
    }

    @Test
    void baseUrlWithWhiteSpaceAroundItIsRefused() {
        assertThatThrownBy(() -> withKey("aisa.base-url", "https://gw.example.com/v1 ").shared())
                .hasMessageContaining(
                        "aisa.base-url (env AISA_BASE_URL) has white space around it");
    }

    @Test
    void restClientUrlThatDiffersFromTheBaseUrlIsRefused() {
        Configuration configuration =
                new Configuration(
                        key ->
                                Optional.ofNullable(
                                        Map.of(
                                                        "aisa.api-key", "sk-aisa-x",
                                                        "aisa/mp-rest/uri", "http://vm:9791/bypass")
                                                .get(key)));

        assertThatThrownBy(configuration::shared)
                .hasMessageContaining(
                        "aisa/mp-rest/uri (env AISA_MP_REST_URI) names a different URL than"
                                + " aisa.base-url");
    }

    @Test
    void malformedRestClientTimeoutIsRefused() {
        Configuration configuration =
                new Configuration(
                        key ->
                                Optional.ofNullable(
                                        Map.of("aisa/mp-rest/readTimeout", "abc").get(key)));

        assertThatThrownBy(configuration::shared)
                .hasMessageContaining(
                        "aisa/mp-rest/readTimeout (env AISA_MP_REST_READTIMEOUT) must be a whole"
                                + " number of milliseconds, not \"abc\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://api.aisa.one/apis/v1/    | https://api.aisa.one/apis/v1",
                "https://api.aisa.one/apis/v1///  | https://api.aisa.one/apis/v1",
                "https://api.aisa.one/            | https://api.aisa.one",
                "HTTPS://api.aisa.one/apis/v1     | HTTPS://api.aisa.one/apis/v1",
                "https://api.aisa.one:8443/apis   | https://api.aisa.one:8443/apis",
                "http://127.0.0.1:8080/apis/v1/   | http://127.0.0.1:8080/apis/v1",
                "http://127.1.2.3/apis/v1         | http://127.1.2.3/apis/v1",
                "http://localhost:9080/stub       | http://localhost:9080/stub",
                "http://LOCALHOST:9080/stub       | http://LOCALHOST:9080/stub",
                "http://[::1]:9080/stub           | http://[::1]:9080/stub"
            })
    void baseUrlIsAcceptedWithoutItsTrailingSlash(String configured, String expected) {
        // (white space around the URL is refused: see baseUrlWithWhiteSpaceAroundItIsRefused)
        Configuration configuration = withKey("aisa.base-url", configured);

        assertThat(configuration.shared().baseUrl()).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api.aisa.one/apis/v1",
                "/apis/v1",
                "ftp://api.aisa.one/apis/v1",
                "file:///etc/passwd",
                "urn:aisa:api",
                "https:///apis/v1"
            })
    void baseUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String configured) {
        assertThat(onlyProblem(withKey("aisa.base-url", configured)))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) must be an absolute http(s) URL such as"
                                + " \"https://api.aisa.one/apis/v1\", not \""
                                + configured
                                + "\"");
    }

    @Test
    void baseUrlThatDoesNotParseIsRefused() {
        assertThat(onlyProblem(withKey("aisa.base-url", "https://api aisa.one/v1")))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) is not a URL: \"https://api aisa.one/v1\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://api.example.com",
                "http://api.aisa.one/apis/v1",
                "http://128.0.0.1/apis",
                "http://127.0.0.1.evil.io/apis",
                "http://localhost.evil.io/apis",
                "http://0.0.0.0/apis"
            })
    void plainHttpIsRefusedForANonLoopbackHost(String configured) {
        String host = URI.create(configured).getHost();

        assertThat(onlyProblem(withKey("aisa.base-url", configured)))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) uses plain http for host \""
                                + host
                                + "\": the API key would travel unencrypted; use https (http is"
                                + " accepted only for 127.0.0.0/8, ::1 and localhost)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:secret@api.aisa.one/apis/v1",
                "https://api.aisa.one/apis/v1?key=secret",
                "https://api.aisa.one/apis/v1#secret"
            })
    void baseUrlWithUserInfoQueryOrFragmentIsRefusedWithoutQuotingIt(String configured) {
        assertThat(onlyProblem(withKey("aisa.base-url", configured)))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) must not carry user info, a query or a"
                                + " fragment; the API key belongs in aisa.api-key (env"
                                + " AISA_API_KEY)")
                .doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://ops:sk-aisa-TESTKEY-123@api.aisa.one/apis/v1",
                "api.aisa.one/apis/v1?key=sk-aisa-TESTKEY-123",
                "/apis/v1#sk-aisa-TESTKEY-123",
                "https://api.aisa.one/apis v1?key=sk-aisa-TESTKEY-123",
                "https://ops:sk-aisa-TESTKEY-123@api aisa.one/apis/v1",
                "sk-aisa-TESTKEY-123"
            })
    void refusedBaseUrlIsQuotedWithoutUserInfoQueryFragmentOrAnythingKeyLike(String configured) {
        String problem = onlyProblem(withKey("aisa.base-url", configured));

        assertThat(problem)
                .startsWith("aisa.base-url (env AISA_BASE_URL) ")
                .doesNotContain("TESTKEY");
    }

    @Test
    void refusedBaseUrlKeepsItsSchemeHostAndPathInTheMessage() {
        assertThat(onlyProblem(withKey("aisa.base-url", "ftp://ops:pw@api.aisa.one/apis?k=v")))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) must be an absolute http(s) URL such as"
                                + " \"https://api.aisa.one/apis/v1\", not"
                                + " \"ftp://<redacted>@api.aisa.one/apis?<redacted>\"");
    }

    @Test
    void apiKeyPutIntoTheBaseUrlKeyIsNotQuoted() {
        assertThat(onlyProblem(withKey("aisa.base-url", "sk-aisa-TESTKEY-123")))
                .isEqualTo(
                        "aisa.base-url (env AISA_BASE_URL) must be an absolute http(s) URL such as"
                                + " \"https://api.aisa.one/apis/v1\", not \"<redacted>\"");
    }

    @ParameterizedTest
    @CsvSource({"PT10M, PT10M", "PT30S, PT30S", "' PT1H ', PT1H", "PT24H, PT24H", "P1D, PT24H"})
    void linkLifetimeIsAnIsoDuration(String configured, String expected) {
        assertThat(withKey("aisa.x.link-lifetime", configured).shared().linkLifetime())
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10m", "600", "ten minutes", "PT", "10 minutes"})
    void linkLifetimeThatIsNotADurationIsRefused(String configured) {
        assertThat(onlyProblem(withKey("aisa.x.link-lifetime", configured)))
                .isEqualTo(
                        "aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME) is not an ISO-8601"
                                + " duration such as \"PT10M\": \""
                                + configured
                                + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT0M", "-PT5M", "PT-1S", "PT24H0.000000001S", "P2D"})
    void linkLifetimeThatIsNotPositiveOrLongerThanADayIsRefused(String configured) {
        assertThat(onlyProblem(withKey("aisa.x.link-lifetime", configured)))
                .isEqualTo(
                        "aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME) must be positive and at"
                                + " most PT24H, not \""
                                + configured
                                + "\"");
    }

    @Test
    void callPolicyDefaultsApplyWhenNothingIsSet() {
        assertThat(configuration(Map.of()).shared().call())
                .isEqualTo(
                        new CallPolicy(
                                Duration.ofSeconds(30),
                                3,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(20),
                                1024 * 1024,
                                CallPolicy.UNBOUNDED,
                                CallPolicy.UNBOUNDED,
                                false));
    }

    @Test
    void callPolicyAcceptsValuesAtItsBounds() {
        Configuration configuration =
                configuration(
                        Map.of(
                                "aisa.call-timeout", "PT10M",
                                "aisa.retry.max-attempts", " 1 ",
                                "aisa.retry.initial-backoff", "PT0.001S",
                                "aisa.retry.max-wait", "PT0S",
                                "aisa.max-response-bytes", "1024"));

        assertThat(configuration.shared().call())
                .isEqualTo(
                        new CallPolicy(
                                Duration.ofMinutes(10),
                                1,
                                Duration.ofMillis(1),
                                Duration.ZERO,
                                1024,
                                CallPolicy.UNBOUNDED,
                                CallPolicy.UNBOUNDED,
                                false));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // configKey connect | read | interface connect | read | limit in ms (-1: none)
                "5000 | 20000 | -    | -     | 25000",
                "5000 | 20000 | 1000 | -     | 21000",
                "-    | -     | 1000 | 2000  | 3000",
                "5000 | -     | -    | -     | -1",
                "0    | 20000 | -    | -     | -1",
                "5000 | 20000 | -    | 0     | -1",
            })
    void restClientTimeoutsBoundTheWaitForAnAnswer(
            String connect,
            String read,
            String interfaceConnect,
            String interfaceRead,
            long limitMillis) {
        Map<String, String> values = new java.util.HashMap<>();
        String api = "one.aisa.xlink.internal.client.AisaTwitterApi/mp-rest/";
        for (String[] entry :
                new String[][] {
                    {"aisa/mp-rest/connectTimeout", connect},
                    {"aisa/mp-rest/readTimeout", read},
                    {api + "connectTimeout", interfaceConnect},
                    {api + "readTimeout", interfaceRead}
                }) {
            if (entry[1] != null) {
                values.put(entry[0], entry[1]);
            }
        }

        CallPolicy call = configuration(values).shared().call();

        assertThat(call.clientWaitLimit())
                .isEqualTo(limitMillis < 0 ? CallPolicy.UNBOUNDED : Duration.ofMillis(limitMillis));
        assertThat(call.clientTimesOutWithin(Duration.ofSeconds(30))).isEqualTo(limitMillis >= 0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "- | true",
                "true | true",
                "' ON ' | true",
                "1 | true",
                "false | false",
                "' FALSE ' | false",
                "nonsense | false"
            })
    void errorMappingKeptOnByTheApplicationKeepsAttemptsOffTheCallersThread(
            String disableDefaultMapper, boolean onCallersThread) {
        Map<String, String> values =
                new java.util.HashMap<>(
                        Map.of(
                                "aisa/mp-rest/connectTimeout", "5000",
                                "aisa/mp-rest/readTimeout", "20000"));
        if (disableDefaultMapper != null) {
            values.put("microprofile.rest.client.disable.default.mapper", disableDefaultMapper);
        }

        CallPolicy call = configuration(values).shared().call();

        assertThat(call.errorsBuffered()).isEqualTo(!onCallersThread);
        assertThat(call.clientTimesOutWithin(Duration.ofSeconds(30))).isEqualTo(onCallersThread);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "aisa.call-timeout          | PT0S      | aisa.call-timeout (env AISA_CALL_TIMEOUT) must"
                        + " be positive and at most PT10M, not \"PT0S\"",
                "aisa.call-timeout          | PT10M1S   | aisa.call-timeout (env AISA_CALL_TIMEOUT) must"
                        + " be positive and at most PT10M, not \"PT10M1S\"",
                "aisa.call-timeout          | 30s       | aisa.call-timeout (env AISA_CALL_TIMEOUT) is"
                        + " not an ISO-8601 duration such as \"PT10M\": \"30s\"",
                "aisa.retry.max-attempts    | 0         | aisa.retry.max-attempts (env"
                        + " AISA_RETRY_MAX_ATTEMPTS) must be between 1 and 10, not 0",
                "aisa.retry.max-attempts    | 11        | aisa.retry.max-attempts (env"
                        + " AISA_RETRY_MAX_ATTEMPTS) must be between 1 and 10, not 11",
                "aisa.retry.max-attempts    | three     | aisa.retry.max-attempts (env"
                        + " AISA_RETRY_MAX_ATTEMPTS) is not a whole number: \"three\"",
                "aisa.retry.initial-backoff | PT0S      | aisa.retry.initial-backoff (env"
                        + " AISA_RETRY_INITIAL_BACKOFF) must be positive and at most PT1M, not"
                        + " \"PT0S\"",
                "aisa.retry.max-wait        | -PT1S     | aisa.retry.max-wait (env"
                        + " AISA_RETRY_MAX_WAIT) must be zero or more and at most PT10M, not"
                        + " \"-PT1S\"",
                "aisa.max-response-bytes    | 1023      | aisa.max-response-bytes (env"
                        + " AISA_MAX_RESPONSE_BYTES) must be between 1024 and 67108864, not 1023",
                "aisa.max-response-bytes    | 1MB       | aisa.max-response-bytes (env"
                        + " AISA_MAX_RESPONSE_BYTES) is not a whole number: \"1MB\""
            })
    void callPolicyValueOutOfBoundsOrMalformedIsRefused(String key, String value, String problem) {
        assertThat(configuration(Map.of(key, value)).problems(List.of())).containsExactly(problem);
    }

    @Test
    void authHostsAreTrimmedLowerCasedAndEmptyItemsSkipped() {
        Configuration configuration =
                withKey("aisa.x.auth-hosts", " Twitter.com , ,x.com,127.0.0.1,localhost,::1,");

        assertThat(configuration.shared().authHosts())
                .containsExactly("twitter.com", "x.com", "127.0.0.1", "localhost", "[::1]");
    }

    @Test
    void authHostsThatAreNotHostNamesAreEachReported() {
        Configuration configuration =
                withKey("aisa.x.auth-hosts", "twitter.com, https://x.com, *.x.com, x.com:443");

        assertThat(configuration.problems(List.of()))
                .containsExactly(
                        "aisa.x.auth-hosts (env AISA_X_AUTH_HOSTS) holds \"https://x.com\", which"
                                + " is not a host name",
                        "aisa.x.auth-hosts (env AISA_X_AUTH_HOSTS) holds \"*.x.com\", which is"
                                + " not a host name",
                        "aisa.x.auth-hosts (env AISA_X_AUTH_HOSTS) holds \"x.com:443\", which is"
                                + " not a host name");
    }

    @Test
    void authHostsListingOnlySeparatorsIsReported() {
        assertThat(configuration(Map.of("aisa.x.auth-hosts", " , ,")).problems(List.of()))
                .containsExactly("aisa.x.auth-hosts (env AISA_X_AUTH_HOSTS) lists no host");
    }

    @Test
    void defaultScopesAreParsedInOrderWithoutDuplicates() {
        Configuration configuration =
                withKey(
                        "aisa.x.default-scopes",
                        " tweet.read,users.read , ,tweet.read,media.write");

        assertThat(configuration.account("default").defaultScopes())
                .containsExactly(XScope.TWEET_READ, XScope.USERS_READ, XScope.MEDIA_WRITE);
    }

    @Test
    void defaultScopesWithMalformedEntriesReportEachOfThem() {
        Configuration configuration =
                withKey("aisa.x.default-scopes", "tweet.read, Tweet.Write, dm read,users.read.");

        assertThat(configuration.problems(List.of("default")))
                .containsExactly(
                        "aisa.x.default-scopes (env AISA_X_DEFAULT_SCOPES): Malformed X scope"
                                + " name \"Tweet.Write\": expected lower-case words separated by"
                                + " dots, such as \"tweet.read\"",
                        "aisa.x.default-scopes (env AISA_X_DEFAULT_SCOPES): Malformed X scope"
                                + " name \"dm read\": expected lower-case words separated by"
                                + " dots, such as \"tweet.read\"",
                        "aisa.x.default-scopes (env AISA_X_DEFAULT_SCOPES): Malformed X scope"
                                + " name \"users.read.\": expected lower-case words separated by"
                                + " dots, such as \"tweet.read\"");
    }

    @Test
    void defaultScopesListingOnlySeparatorsIsReported() {
        assertThat(onlyProblem(withKey("aisa.x.default-scopes", ",, ,")))
                .isEqualTo("aisa.x.default-scopes (env AISA_X_DEFAULT_SCOPES) lists no scope");
    }

    @Test
    void everyProblemIsListedInOneExceptionThatNeverQuotesTheKey() {
        Configuration configuration =
                configuration(
                        Map.of(
                                "aisa.api-key", "sk-aisa TESTKEY-123",
                                "aisa.base-url", "http://api.example.com",
                                "aisa.x.link-lifetime", "PT0S",
                                "aisa.x.auth-hosts", "https://x.com",
                                "aisa.x.default-scopes", "Tweet"));

        assertThatThrownBy(() -> configuration.account("default"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessage(
                        "AISAX001: aisa-x-link is not configured correctly (5 problems):"
                                + NL
                                + "  - aisa.base-url (env AISA_BASE_URL) uses plain http for host"
                                + " \"api.example.com\": the API key would travel unencrypted;"
                                + " use https (http is accepted only for 127.0.0.0/8, ::1 and"
                                + " localhost)"
                                + NL
                                + "  - aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME) must be"
                                + " positive and at most PT24H, not \"PT0S\""
                                + NL
                                + "  - aisa.x.auth-hosts (env AISA_X_AUTH_HOSTS) holds"
                                + " \"https://x.com\", which is not a host name"
                                + NL
                                + "  - aisa.api-key (env AISA_API_KEY) contains white space or"
                                + " control characters: an AIsa API key has none"
                                + NL
                                + "  - aisa.x.default-scopes (env AISA_X_DEFAULT_SCOPES):"
                                + " Malformed X scope name \"Tweet\": expected lower-case words"
                                + " separated by dots, such as \"tweet.read\"")
                .hasMessageNotContaining("TESTKEY");
    }

    @Test
    void sharedProblemsAloneAreReportedBySharedAndByEveryAccount() {
        Configuration configuration =
                configuration(
                        Map.of(
                                "aisa.api-key", KEY,
                                "aisa.accounts.sales.api-key", KEY,
                                "aisa.x.link-lifetime", "soon"));

        assertThatThrownBy(configuration::shared)
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageStartingWith(
                        "AISAX001: aisa-x-link is not configured correctly (1 problem):")
                .hasMessageContaining("aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME)");
        assertThatThrownBy(() -> configuration.account("sales"))
                .isInstanceOf(XLinkConfigException.class)
                .hasMessageContaining("aisa.x.link-lifetime (env AISA_X_LINK_LIFETIME)");
    }

    @Test
    void problemsOfSeveralAccountsAreListedTogetherInTheGivenOrder() {
        Configuration configuration = configuration(Map.of());

        assertThat(configuration.problems(List.of("default", "marketing")))
                .containsExactly(
                        "aisa.api-key (env AISA_API_KEY) is missing or blank: set it to the AIsa"
                                + " API key of account 'default'",
                        "aisa.accounts.marketing.api-key (env AISA_ACCOUNTS_MARKETING_API_KEY) is"
                                + " missing or blank: set it to the AIsa API key of account"
                                + " 'marketing'");
    }

    @Test
    void eachKeyIsReadOnce() {
        AtomicInteger reads = new AtomicInteger();
        Configuration configuration =
                new Configuration(
                        key -> {
                            reads.incrementAndGet();
                            return key.equals("aisa.api-key") ? Optional.of(KEY) : Optional.empty();
                        });

        configuration.account("default");
        int afterFirst = reads.get();
        configuration.account("default");
        configuration.shared();
        configuration.problems(List.of("default"));

        assertThat(reads.get()).isEqualTo(afterFirst);
    }

    @Test
    void environmentVariableNamesFollowMicroProfileConfig() {
        assertThat(Keys.environmentVariable("aisa.api-key")).isEqualTo("AISA_API_KEY");
        assertThat(Keys.environmentVariable("aisa.accounts.marketing.api-key"))
                .isEqualTo("AISA_ACCOUNTS_MARKETING_API_KEY");
        assertThat(Keys.environmentVariable("aisa/mp-rest/url")).isEqualTo("AISA_MP_REST_URL");
    }
}
