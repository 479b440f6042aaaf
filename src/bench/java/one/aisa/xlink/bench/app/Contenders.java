package one.aisa.xlink.bench.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import one.aisa.xlink.XAccountLinker;
import one.aisa.xlink.XLink;
import one.aisa.xlink.XLinkRequest;
import one.aisa.xlink.internal.client.AisaClients;
import one.aisa.xlink.internal.client.AisaGateway;
import one.aisa.xlink.internal.client.AisaTwitterApi;
import one.aisa.xlink.internal.client.Deadline;
import one.aisa.xlink.internal.config.CallPolicy;
import one.aisa.xlink.internal.config.TransportSettings;
import one.aisa.xlink.internal.response.ReplyInterpreter;

/**
 * The contenders, by name. All call the same stub with the same headers and body. Besides the four
 * of the report, two diagnostics break the linker's time down: {@code bare-rc-on-worker} (the bare
 * call handed to a thread pool shaped like the module's call threads and waited for, as {@code
 * requestLink} does) and {@code gateway} (the module's own call, body read and answer checks on the
 * calling thread, without retry runner, call thread, registry or events).
 */
@ApplicationScoped
public class Contenders {

    private static final XLinkRequest REQUEST = XLinkRequest.defaults();
    private static final int WORKERS = 64;

    @Inject XAccountLinker linker;

    @Inject @RestClient BareAisaApi bare;

    /** The module's own client, built as the runtime builds it, and the gateway over it. */
    private AisaTwitterApi api;

    private AisaGateway gateway;

    @Inject
    @ConfigProperty(name = "aisa.base-url")
    String baseUrl;

    private HttpClient jdk;
    private HttpRequest jdkRequest;
    private String bearer;
    private BareBody bareBody;
    private ReplyInterpreter interpreter;
    private ThreadPoolExecutor workers;

    @PostConstruct
    void init() {
        api =
                AisaClients.build(
                        URI.create(baseUrl),
                        new CallPolicy(
                                Duration.ofSeconds(30),
                                1,
                                Duration.ZERO,
                                Duration.ZERO,
                                1 << 20,
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(20),
                                false),
                        TransportSettings.NONE,
                        Thread.currentThread().getContextClassLoader());
        gateway = new AisaGateway(api);
        bearer = "Bearer " + StubAnswer.API_KEY;
        bareBody = new BareBody(StubAnswer.API_KEY);
        interpreter = new ReplyInterpreter(List.of("twitter.com", "x.com"), Clock.systemUTC());
        workers =
                new ThreadPoolExecutor(
                        WORKERS,
                        WORKERS,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "bench-worker");
                            thread.setDaemon(true);
                            return thread;
                        });
        workers.allowCoreThreadTimeOut(true);
        jdk =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        jdkRequest =
                HttpRequest.newBuilder(URI.create(baseUrl + "/twitter/auth_twitter"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", bearer)
                        .header("Idempotency-Key", StubAnswer.FIXED_IDEMPOTENCY_KEY)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"aisa_api_key\":\"" + StubAnswer.API_KEY + "\"}"))
                        .build();
    }

    @PreDestroy
    void stop() throws Exception {
        workers.shutdownNow();
        AisaClients.close(api);
    }

    /** Returns the contender of this name. */
    Contender named(String name) {
        return switch (name) {
            case "module-sync" ->
                    new Contender() {
                        @Override
                        public Object call() {
                            return linker.requestLink(REQUEST);
                        }

                        @Override
                        public void after(Object result) {
                            linker.cancel(((XLink) result).state());
                        }
                    };
            case "module-async" ->
                    new Contender() {
                        @Override
                        public Object call() {
                            return linker.requestLinkAsync(REQUEST).toCompletableFuture().join();
                        }

                        @Override
                        public void after(Object result) {
                            linker.cancel(((XLink) result).state());
                        }
                    };
            case "bare-rc" -> this::bareCall;
            case "bare-rc-on-worker" ->
                    () ->
                            CompletableFuture.supplyAsync(this::bareCall, workers)
                                    .get(31, TimeUnit.SECONDS);
            case "gateway" ->
                    () ->
                            interpreter.grant(
                                    gateway.authTwitter(
                                            StubAnswer.API_KEY,
                                            null,
                                            UUID.randomUUID().toString(),
                                            1 << 20,
                                            Deadline.after(Duration.ofSeconds(30))),
                                    StubAnswer.API_KEY);
            case "jdk" ->
                    () -> {
                        HttpResponse<String> response =
                                jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode());
                        }
                        return Parsed.of(response.body());
                    };
            default -> throw new IllegalArgumentException("unknown contender: " + name);
        };
    }

    private Parsed bareCall() {
        return Parsed.of(bare.authTwitter(bearer, StubAnswer.FIXED_IDEMPOTENCY_KEY, bareBody));
    }
}
