package one.aisa.xlink.internal.response;

import java.util.List;

import one.aisa.xlink.XLinkResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static one.aisa.xlink.internal.response.Replies.CLOCK;
import static one.aisa.xlink.internal.response.Replies.KEY;
import static one.aisa.xlink.internal.response.Replies.assertKeepsSecrets;
import static one.aisa.xlink.internal.response.Replies.jsonReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which {@code auth_url}s may be handed to a person, and that they are handed over unchanged. */
class ReplyInterpreterAuthUrlTest {

    private static final String QUERY = "?state=st-SECRET-123&code_challenge=abc";

    private static LinkGrant grant(List<String> hosts, String url) {
        return new ReplyInterpreter(hosts, CLOCK)
                .grant(
                        jsonReply(200, "{'ok':true,'code':200,'data':{'auth_url':'" + url + "'}}"),
                        KEY);
    }

    private static LinkGrant grant(String url) {
        return grant(Replies.HOSTS, url);
    }

    private static XLinkResponseException refused(List<String> hosts, String url) {
        XLinkResponseException e =
                catchThrowableOfType(XLinkResponseException.class, () -> grant(hosts, url));
        assertThat(e).as("XLinkResponseException for %s", url).isNotNull();
        assertThat(e.httpStatus()).hasValue(200);
        assertKeepsSecrets(e, QUERY, "abc");
        return e;
    }

    private static XLinkResponseException refused(String url) {
        return refused(Replies.HOSTS, url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://twitter.com/i/oauth2/authorize",
                "https://x.com/i/oauth2/authorize",
                "https://api.twitter.com/2/oauth2/authorize",
                "https://mobile.x.com/i/oauth2/authorize",
                "https://TWITTER.com/i/oauth2/authorize",
                "HTTPS://twitter.com/i/oauth2/authorize",
                "https://twitter.com:443/i/oauth2/authorize"
            })
    void httpsUrlOnAnAllowedHostOrSubdomainIsAccepted(String url) {
        assertThat(grant(url + QUERY).authUrl().toString()).isEqualTo(url + QUERY);
    }

    @Test
    void acceptedUrlIsReturnedByteForByte() {
        String url =
                "https://twitter.com/i/oauth2/authorize?response_type=code&client_id=AIsa"
                        + "&redirect_uri=https%3A%2F%2Fapi.aisa.one%2Fapis%2Fv1%2Ftwitter%2Foauth_callback"
                        + "&scope=follows.write%20tweet.read%20users.read+offline.access"
                        + "&state=st-SECRET-123&code_challenge=a-b_c~d.e"
                        + "&code_challenge_method=S256";

        LinkGrant grant = grant(url);

        assertThat(grant.authUrl().toString()).isEqualTo(url);
        assertThat(grant.authUrl().toASCIIString()).isEqualTo(url);
        assertThat(grant.authUrl().getRawQuery()).contains("%2F", "%20", "+");
        assertThat(grant.state()).isEqualTo("st-SECRET-123");
    }

    @ParameterizedTest
    @CsvSource({
        "http://twitter.com/i/oauth2/authorize, http",
        "http://api.x.com/i/oauth2/authorize, http",
        "ftp://twitter.com/i/oauth2/authorize, ftp",
        "wss://x.com/i/oauth2/authorize, wss"
    })
    void otherSchemesThanHttpsAreRefusedOnAllowedHosts(String url, String scheme) {
        assertThat(refused(url + QUERY))
                .hasMessage(
                        "AISAX026: AIsa's auth_url uses scheme \""
                                + scheme
                                + "\"; only https is accepted (http only for a loopback host"
                                + " listed in aisa.x.auth-hosts).");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://twitter.com@evil.io/i/oauth2/authorize",
                "https://user:pass@twitter.com/i/oauth2/authorize"
            })
    void userInfoIsRefusedWhateverTheHost(String url) {
        assertThat(refused(url + QUERY))
                .hasMessage("AISAX024: AIsa's auth_url carries user info, which X never uses.");
    }

    @ParameterizedTest
    @CsvSource({
        "https://evil.io/i/oauth2/authorize, evil.io",
        "https://eviltwitter.com/i/oauth2/authorize, eviltwitter.com",
        "https://twitter.com.evil.io/i/oauth2/authorize, twitter.com.evil.io",
        "https://xx.com/i/oauth2/authorize, xx.com",
        "https://x.com.evil.io/i/oauth2/authorize, x.com.evil.io",
        "https://twitter.com./i/oauth2/authorize, twitter.com.",
        "http://api.example.com/i/oauth2/authorize, api.example.com",
        "https://127.0.0.1/i/oauth2/authorize, 127.0.0.1",
        "http://localhost:8080/i/oauth2/authorize, localhost"
    })
    void hostsOutsideTheAllowListAreRefusedNamingTheHost(String url, String host) {
        assertThat(refused(url + QUERY))
                .hasMessage(
                        "AISAX025: AIsa's auth_url points at host \""
                                + host
                                + "\", which is not in aisa.x.auth-hosts [twitter.com, x.com].");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/i/oauth2/authorize" + QUERY,
                "twitter.com/i/oauth2/authorize" + QUERY,
                "//twitter.com/i/oauth2/authorize" + QUERY,
                "javascript:alert(1)",
                "mailto:st-SECRET-123@twitter.com",
                "https:st-SECRET-123",
                "file:///etc/passwd",
                "https://twitter.com:port/authorize" + QUERY,
                "https://under_score.twitter.com/authorize" + QUERY
            })
    void urlsWithoutSchemeOrHostAreRefused(String url) {
        assertThat(refused(url))
                .message()
                .startsWith("AISAX024: AIsa's auth_url is not an absolute http(s) URL with a host");
    }

    @Test
    void javascriptUrlIsRefusedNamingOnlyItsScheme() {
        assertThat(refused("javascript:alert(1)"))
                .hasMessage(
                        "AISAX024: AIsa's auth_url is not an absolute http(s) URL with a host"
                                + " (scheme \"javascript\").");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://twitter.com/i/oauth2/authorize?state=st SECRET 123",
                "https://twitter.com/i/oauth2/authorize?state=st-SECRET-123%zz",
                "https://twitter.com/i/oauth2/<authorize>" + QUERY,
                "https://[twitter.com]/authorize" + QUERY,
                "ht tps://twitter.com/" + QUERY
            })
    void unparseableUrlsAreRefused(String url) {
        assertThat(refused(url)).hasMessage("AISAX023: AIsa's auth_url is not a valid URL.");
    }

    @Test
    void plainHttpOnLoopbackIsAcceptedWhenTheAllowListNamesTheHost() {
        List<String> hosts = List.of("twitter.com", "127.0.0.1", "localhost", "[::1]");

        assertThat(grant(hosts, "http://127.0.0.1:8089/authorize" + QUERY).state())
                .isEqualTo("st-SECRET-123");
        assertThat(grant(hosts, "http://localhost:8089/authorize" + QUERY).state())
                .isEqualTo("st-SECRET-123");
        assertThat(grant(hosts, "http://[::1]:8089/authorize" + QUERY).state())
                .isEqualTo("st-SECRET-123");
    }

    @Test
    void plainHttpOnLoopbackIsRefusedWhenTheAllowListDoesNotNameIt() {
        List<String> hosts = List.of("twitter.com", "localhost");

        assertThat(refused(hosts, "http://127.0.0.1:8089/authorize" + QUERY))
                .hasMessageStartingWith("AISAX025: AIsa's auth_url points at host \"127.0.0.1\"");
    }

    @Test
    void plainHttpOnASubdomainOfAListedLoopbackNameIsRefused() {
        List<String> hosts = List.of("twitter.com", "localhost");

        assertThat(refused(hosts, "http://auth.localhost:8089/authorize" + QUERY))
                .hasMessageStartingWith("AISAX026: AIsa's auth_url uses scheme \"http\"");
    }

    @Test
    void httpsOnAListedLoopbackHostIsAccepted() {
        List<String> hosts = List.of("127.0.0.1");

        assertThat(grant(hosts, "https://127.0.0.1:8443/authorize" + QUERY).authUrl().getPort())
                .isEqualTo(8443);
    }
}
