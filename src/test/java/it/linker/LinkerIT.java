package it.linker;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import it.support.Answers;
import it.support.Deployments;
import it.support.RecordedEvents;
import it.support.Stub;
import it.support.StubAdmin;
import one.aisa.xlink.XAccount;
import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkCompleted;
import one.aisa.xlink.XLinkExpired;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.XLinkRequested;
import one.aisa.xlink.XLinkResponseException;
import one.aisa.xlink.XScope;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static it.support.Answers.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The linker on a real Open Liberty against a stub AIsa: what goes on the wire, the three answer
 * generations, events with subject and qualifier, expiry, and named accounts.
 */
@ExtendWith(ArquillianExtension.class)
public class LinkerIT {

    static final String DEFAULT_KEY = "sk-aisa-TESTKEY-default-0001";
    static final String MARKETING_KEY = "sk-aisa-TESTKEY-marketing-0002";
    static final String AUTH_URL = Answers.AUTH_URL;

    @Deployment
    public static WebArchive app() {
        return Deployments.app(
                "linker",
                Stub.config()
                        + "aisa.api-key="
                        + DEFAULT_KEY
                        + "\naisa.accounts.marketing.api-key="
                        + MARKETING_KEY
                        + "\naisa.accounts.marketing.default-scopes=tweet.read,users.read\n",
                LinkerIT.class);
    }

    @Inject XAccountLinker linker;

    @Inject
    @XAccount("marketing")
    XAccountLinker marketing;

    @Inject @Any Instance<XAccountLinker> linkers;

    @Inject RecordedEvents events;

    StubAdmin stub;

    @BeforeEach
    void reset() {
        stub = StubAdmin.fromConfig().reset();
        events.clear();
    }

    @Test
    void defaultScopesAreLeftOutOfTheBodyAndTheKeyTravelsTwice() {
        stub.answerJson(flat("st-default-1", "2030-01-01T00:00:00Z"));

        linker.requestLink();

        JsonObject request = stub.requests().get(0);
        assertThat(request.getString("method")).isEqualTo("POST");
        assertThat(request.getString("url")).isEqualTo("/apis/v1/twitter/auth_twitter");
        JsonObject headers = request.getJsonObject("headers");
        assertThat(headers.getString("Authorization")).isEqualTo("Bearer " + DEFAULT_KEY);
        assertThat(headers.getString("Content-Type")).startsWith("application/json");
        assertThat(headers.getString("Idempotency-Key")).matches("[0-9a-f-]{36}");
        JsonObject body = parse(request.getString("body"));
        assertThat(body.getString("aisa_api_key")).isEqualTo(DEFAULT_KEY);
        assertThat(body.containsKey("scopes")).as("scopes left out for AIsa's defaults").isFalse();
    }

    @Test
    void narrowerScopesTravelAsSeparateItemsInRequestOrder() {
        stub.answerJson(flat("st-scopes-1", "2030-01-01T00:00:00Z"));

        XLink link =
                linker.requestLink(
                        orderedSet(XScope.USERS_READ, XScope.TWEET_READ, XScope.of("media.write")));

        JsonObject body = parse(stub.requests().get(0).getString("body"));
        assertThat(body.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("users.read", "tweet.read", "media.write");
        assertThat(link.scopes())
                .containsExactly(XScope.USERS_READ, XScope.TWEET_READ, XScope.MEDIA_WRITE);
    }

    @Test
    void flatAnswerBecomesTheLinkWithTheUrlByteForByte() {
        String url = AUTH_URL + "st-flat-1&code_challenge=a%2Bb%20c&code_challenge_method=S256";
        stub.answerJson(
                "{\"auth_url\":\""
                        + url
                        + "\",\"state\":\"st-flat-1\",\"expires_at\":\"2030-04-18T07:00:00.123+02:00\"}");

        XLink link =
                linker.requestLink(
                        XLinkRequest.builder()
                                .subject("user-42")
                                .attribute("tenant", "acme")
                                .build());

        assertThat(link.authUrl().toString()).isEqualTo(url);
        assertThat(link.state()).isEqualTo("st-flat-1");
        assertThat(link.expiresAt()).isEqualTo(Instant.parse("2030-04-18T05:00:00.123Z"));
        assertThat(link.account()).isEqualTo("default");
        assertThat(link.subject()).contains("user-42");
        assertThat(link.attributes()).containsEntry("tenant", "acme");
        assertThat(link.scopes()).containsExactlyElementsOf(XScope.defaults());
        assertThat(linker.pending("st-flat-1")).contains(link);
    }

    @Test
    void envelopeWithOnlyTheUrlTakesStateFromItAndExpiryFromTheLifetime() {
        stub.answerJson(
                "{\"ok\":true,\"code\":200,\"data\":{\"auth_url\":\"" + AUTH_URL + "st-env-1\"}}");
        Instant before = Instant.now();

        XLink link = linker.requestLink();

        assertThat(link.state()).isEqualTo("st-env-1");
        assertThat(link.expiresAt())
                .isBetween(
                        before.plus(Duration.ofMinutes(10)),
                        Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(link.expiresAt()).isEqualTo(link.requestedAt().plus(Duration.ofMinutes(10)));
    }

    @Test
    void relayAnswerWithCodeAndMsgIsRead() {
        stub.answerJson(
                "{\"code\":200,\"msg\":\"ok\",\"data\":{\"auth_url\":\""
                        + AUTH_URL
                        + "st-relay-1\",\"state\":\"st-relay-1\",\"expires_at\":1893456000}}");

        XLink link = linker.requestLink();

        assertThat(link.state()).isEqualTo("st-relay-1");
        assertThat(link.expiresAt()).isEqualTo(Instant.ofEpochSecond(1893456000L));
    }

    @Test
    void requestedIsObservedSyncAndAsyncWithSubjectAndQualifier() {
        stub.answerJson(flat("st-events-1", "2030-01-01T00:00:00Z"));

        linker.requestLink(XLinkRequest.builder().subject("user-7").build());

        List<RecordedEvents.Seen> seen =
                events.await(s -> s.state().equals("st-events-1"), 2, Duration.ofSeconds(10));
        assertThat(seen).extracting(RecordedEvents.Seen::kind).containsOnly("XLinkRequested");
        assertThat(seen)
                .extracting(RecordedEvents.Seen::async)
                .containsExactlyInAnyOrder(false, true);
        assertThat(seen).extracting(RecordedEvents.Seen::account).containsOnly("default");
        assertThat(seen).allSatisfy(s -> assertThat(s.event().link().subject()).contains("user-7"));
    }

    @Test
    void markLinkedFiresCompletedOnceAndEndsTracking() {
        stub.answerJson(flat("st-done-1", "2030-01-01T00:00:00Z"));
        XLink link = linker.requestLink();

        assertThat(linker.markLinked("st-done-1")).isTrue();
        assertThat(linker.markLinked("st-done-1")).isFalse();
        assertThat(linker.cancel("st-done-1")).isFalse();

        List<RecordedEvents.Seen> completed =
                events.await(s -> s.event() instanceof XLinkCompleted, 2, Duration.ofSeconds(10));
        assertThat(completed).extracting(s -> s.event().link()).containsOnly(link);
        assertThat(completed).hasSize(2);
        assertThat(linker.pending("st-done-1")).isEmpty();
        assertThat(linker.pendingLinks()).doesNotContain(link);
    }

    @Test
    void shortLivedLinkExpiresExactlyOnceWithARequestContext() throws Exception {
        stub.answerJson(flat("st-expire-1", Instant.now().plusMillis(600).toString()));

        linker.requestLink();

        List<RecordedEvents.Seen> expired =
                events.await(s -> s.event() instanceof XLinkExpired, 2, Duration.ofSeconds(10));
        TimeUnit.MILLISECONDS.sleep(300);
        expired = events.matching(s -> s.event() instanceof XLinkExpired);
        assertThat(expired).hasSize(2);
        assertThat(expired)
                .extracting(RecordedEvents.Seen::async)
                .containsExactlyInAnyOrder(false, true);
        assertThat(expired).allSatisfy(s -> assertThat(s.requestContextActive()).isTrue());
        assertThat(linker.pending("st-expire-1")).isEmpty();
        List<RecordedEvents.Seen> syncOrder = events.matching(s -> !s.async());
        assertThat(syncOrder)
                .extracting(RecordedEvents.Seen::kind)
                .containsExactly("XLinkRequested", "XLinkExpired");
    }

    @Test
    void linkAlreadyExpiredOnArrivalIsReturnedThenRequestedAndExpiredFireInOrder() {
        stub.answerJson(flat("st-late-1", "2020-01-01T00:00:00Z"));

        XLink link = linker.requestLink();

        assertThat(link.state()).isEqualTo("st-late-1");
        events.await(
                s -> s.event() instanceof XLinkExpired && !s.async(), 1, Duration.ofSeconds(10));
        assertThat(events.matching(s -> !s.async()))
                .extracting(RecordedEvents.Seen::kind)
                .containsExactly("XLinkRequested", "XLinkExpired");
    }

    @Test
    void markLinkedAndCancelPreventExpiry() throws Exception {
        stub.answerJson(flat("st-keep-1", Instant.now().plusMillis(700).toString()));
        linker.requestLink();
        stub.reset().answerJson(flat("st-keep-2", Instant.now().plusMillis(700).toString()));
        linker.requestLink();

        assertThat(linker.markLinked("st-keep-1")).isTrue();
        assertThat(linker.cancel("st-keep-2")).isTrue();

        TimeUnit.MILLISECONDS.sleep(1500);
        assertThat(events.matching(s -> s.event() instanceof XLinkExpired)).isEmpty();
        assertThat(events.matching(s -> s.event() instanceof XLinkCompleted))
                .extracting(RecordedEvents.Seen::state)
                .containsOnly("st-keep-1");
    }

    @Test
    void namedAccountSendsItsOwnKeyAndScopesAndIsQualified() {
        stub.answerJson(flat("st-marketing-1", "2030-01-01T00:00:00Z"));

        XLink link = marketing.requestLink();

        JsonObject request = stub.requests().get(0);
        assertThat(request.getJsonObject("headers").getString("Authorization"))
                .isEqualTo("Bearer " + MARKETING_KEY);
        JsonObject body = parse(request.getString("body"));
        assertThat(body.getString("aisa_api_key")).isEqualTo(MARKETING_KEY);
        assertThat(body.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("tweet.read", "users.read");
        assertThat(link.account()).isEqualTo("marketing");
        assertThat(marketing.account()).isEqualTo("marketing");
        assertThat(linker.pending("st-marketing-1")).as("another account's link").isEmpty();
        assertThat(linker.markLinked("st-marketing-1")).isFalse();
        assertThat(events.await(s -> s.state().equals("st-marketing-1"), 2, Duration.ofSeconds(10)))
                .extracting(RecordedEvents.Seen::account)
                .containsOnly("marketing");
    }

    @Test
    void programmaticLookupFindsTheSameAccountBeans() {
        assertThat(linkers.select(XAccount.Literal.of("marketing")).get().account())
                .isEqualTo("marketing");
        assertThat(linkers.select(XAccount.Literal.of("default")).get().account())
                .isEqualTo("default");
    }

    @Test
    void asyncRequestCompletesWithTheLinkWithoutBlocking() throws Exception {
        stub.delayed(200, flat("st-async-1", "2030-01-01T00:00:00Z"), 500);

        long start = System.nanoTime();
        var stage = linker.requestLinkAsync(XLinkRequest.builder().subject("async-user").build());
        long returnedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        XLink link = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(returnedAfterMillis).as("returned before the stub answered").isLessThan(450);
        assertThat(link.state()).isEqualTo("st-async-1");
        assertThat(link.subject()).contains("async-user");
    }

    @Test
    void duplicateStateIsRefusedAndThePendingLinkKept() {
        stub.answerJson(flat("st-dup-1", "2030-01-01T00:00:00Z"));
        XLink first = linker.requestLink();

        assertThatThrownBy(() -> linker.requestLink())
                .isInstanceOf(XLinkResponseException.class)
                .hasMessageStartingWith("AISAX046")
                .hasMessageNotContaining("st-dup-1");
        assertThat(linker.pending("st-dup-1")).contains(first);
        assertThat(events.matching(s -> s.event() instanceof XLinkRequested && !s.async()))
                .hasSize(1);
    }

    @Test
    void callerMistakesFailBeforeAnyCall() {
        assertThatThrownBy(() -> linker.requestLink((XLinkRequest) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("request");
        assertThatThrownBy(() -> linker.requestLink(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scopes");
        assertThatThrownBy(() -> linker.requestLinkAsync(null))
                .isInstanceOf(NullPointerException.class);
        assertThat(stub.requests()).isEmpty();
    }

    static Set<XScope> orderedSet(XScope... scopes) {
        return new java.util.LinkedHashSet<>(List.of(scopes));
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
