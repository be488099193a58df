package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.ErrorShape;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.OperationsEndpoints;
import dev.lkdash.testing.RawHttp;
import dev.lkdash.testing.RawHttp.Response;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.TestLogin;
import dev.lkdash.testing.WebhookSender;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of hostile requests, drawn by a seeded generator ({@link HostileInputs}), against the
 * webhook endpoint and the read API of one running dashboard. Every answer must be below 500 (or
 * the contract's 503), every error body the contract's JSON (or, for what the container refuses
 * before the app, empty); after each class of input the read API is unchanged, nothing was
 * broadcast on an open stream, and the server is ready. The count of requests per class is printed
 * and written to {@code target/hostile-input-counts.txt}.
 * <p>
 * Each class is a test method whose generator starts from the same seed, so a failure, which names
 * the class, the request's index and the seed, is replayed by running that method again. A new
 * target (the login, for one) is a new test method that sends its requests through {@link #send}
 * under its own class name.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    private static final long SEED = 20261129L;
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final LiveKitSigner SIGNER = LiveKitSigner.TEST;

    private static URL base;
    private static SseTestClient stream;
    private static Map<String, String> stateBefore;
    private static volatile String lastClass = "(none)";

    @ArquillianResource
    URL deployed;

    /** The fixtures are dated 2026-01-01: the hourly retention must not prune them mid-run. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("hostile", Map.of("dashboard.history.retention-days", "36500"));
    }

    /** Once, before the first class: one LiveKit session recorded, the state read, a stream open. */
    @BeforeEach
    void recordTheSessionOnce() throws Exception {
        if (base != null) {
            return;
        }
        System.out.println("Hostile input: seed " + SEED);
        base = deployed;
        WebhookSender livekit = new WebhookSender(base, SIGNER);
        for (byte[] event : Fixtures.session()) {
            assertEquals(200, livekit.send(event).status());
        }
        stateBefore = state();
        assertTrue(stateBefore.get("/api/rooms").startsWith("200 "), "the state is read signed in: " + stateBefore);
        stream = SseTestClient.open(base);
        assertEquals("connected", stream.next(Duration.ofSeconds(10)).json().getString("event"));
    }

    @AfterAll
    static void reportAndStop() throws Exception {
        try {
            String report = new TreeMap<>(COUNTS).entrySet().stream()
                    .map(entry -> String.format("%-52s %6d", entry.getKey(), entry.getValue().get()))
                    .collect(Collectors.joining("\n", "Hostile input, requests per class (seed " + SEED + "):\n",
                            "\n" + String.format("%-52s %6d", "total", COUNTS.values().stream().mapToInt(AtomicInteger::get).sum())));
            System.out.println(report);
            Files.writeString(Path.of("target/hostile-input-counts.txt"), report + "\n");
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /** After each class: nothing changed, nothing broadcast, still ready. */
    @AfterEach
    void nothingChangedAndTheServerIsHealthy() throws Exception {
        String after = "after " + lastClass + " (seed " + SEED + "): ";
        assertEquals(stateBefore, state(), after + "the read API is unchanged");
        List<SseTestClient.Frame> broadcast = stream.messagesWithin(Duration.ofMillis(300));
        assertTrue(broadcast.isEmpty(), after + "nothing was broadcast: " + broadcast);
        HttpURLConnection ready = (HttpURLConnection) OperationsEndpoints.uri(base, "/health/ready").toURL().openConnection();
        assertEquals(200, ready.getResponseCode(), after + "the server is ready");
    }

    // ---- the webhook endpoint ------------------------------------------------------------------

    @Test
    void webhookRandomBytes() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("webhook: random bytes", 600, index -> {
            byte[] body = inputs.randomBytes();
            String contentType = inputs.contentType();
            check("webhook: random bytes", webhook(body, contentType, SIGNER.sign(body)));
        });
    }

    @Test
    void webhookRandomBytesUnsigned() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("webhook: random bytes, bad token", 300, index -> {
            byte[] body = inputs.randomBytes();
            String authorization = inputs.garbageToken();
            check("webhook: random bytes, bad token", webhook(body, WebhookSender.CONTENT_TYPE, authorization));
        });
    }

    @Test
    void webhookWrongTypesAndNumbers() {
        List<String> events = HostileInputs.brokenEvents();
        send("webhook: wrong types, huge/negative numbers", events.size(), index -> {
            String body = events.get(index);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Response answer = webhook(bytes, WebhookSender.CONTENT_TYPE, SIGNER.sign(bytes));
            check("webhook: wrong types, huge/negative numbers", answer);
            assertEquals(400, answer.status(), body);
        });
    }

    @Test
    void webhookDeepNesting() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("webhook: deep nesting", 100, index -> {
            byte[] bytes = inputs.deepNesting().getBytes(StandardCharsets.UTF_8);
            Response answer = webhook(bytes, WebhookSender.CONTENT_TYPE, SIGNER.sign(bytes));
            check("webhook: deep nesting", answer);
            assertTrue(answer.status() == 400 || answer.status() == 413, answer.status() + " " + answer.body());
        });
    }

    @Test
    void webhookValidTokenAnotherBody() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("webhook: valid token, another body (odd unicode)", 400, index -> {
            String odd = inputs.oddUnicode();
            byte[] signed = WebhookSender.withId(Fixtures.body(inputs.fixtureName()), "EV_hostile_signed");
            String tampered = "{\"note\": " + jsonString(odd) + ", " + new String(signed, StandardCharsets.UTF_8).strip().substring(1);
            Response answer = webhook(tampered.getBytes(StandardCharsets.UTF_8), WebhookSender.CONTENT_TYPE, SIGNER.sign(signed));
            check("webhook: valid token, another body (odd unicode)", answer);
            assertEquals(400, answer.status());
        });
    }

    @Test
    void webhookForgedTokens() {
        HostileInputs inputs = new HostileInputs(SEED);
        Instant now = Instant.now();
        send("webhook: alg none, other algorithms, wrong key/issuer, expired", 500, index -> {
            String token = inputs.forgedToken(SIGNER.apiKey(), SIGNER.apiSecret(), now);
            byte[] body = WebhookSender.withId(Fixtures.body(inputs.fixtureName()), "EV_hostile_forged");
            Response answer = webhook(body, WebhookSender.CONTENT_TYPE, token.replace("{sha}", LiveKitSigner.sha256Base64(body)));
            check("webhook: alg none, other algorithms, wrong key/issuer, expired", answer);
            assertEquals(400, answer.status(), token);
        });
    }

    @Test
    void webhookTenMegabyteBodies() {
        byte[] body = new byte[10 * 1024 * 1024];
        Arrays.fill(body, (byte) '[');
        send("webhook: 10 MB bodies", HostileInputs.FIXTURE_NAMES.size(), index -> {
            Response answer = webhook(body, WebhookSender.CONTENT_TYPE, SIGNER.sign(body));
            check("webhook: 10 MB bodies", answer);
            assertEquals(413, answer.status());
        });
    }

    @Test
    void hundredKilobyteHeaders() {
        List<String> targets = HostileInputs.HUGE_HEADER_TARGETS;
        send("100 KB headers", targets.size(), index -> {
            String target = targets.get(index);
            Response answer = RawHttp.send(base, target.startsWith("POST") ? "POST" : "GET", target.substring(target.indexOf(' ') + 1),
                    Map.of("X-Padding", "p".repeat(100_000), "Content-Type", WebhookSender.CONTENT_TYPE), new byte[0]);
            check("100 KB headers", answer);
            assertEquals(400, answer.status(), target);
        });
    }

    // ---- the read API -----------------------------------------------------------------------------

    @Test
    void readApiQueryParameters() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("read API: query parameters", 1200, index -> {
            String target = inputs.readQuery();
            check("read API: query parameters", signedIn(target));
        });
    }

    @Test
    void readApiPathSegments() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("read API: path segments", 800, index -> {
            String target = inputs.readPath();
            check("read API: path segments", signedIn(target));
        });
    }

    // ---- the login --------------------------------------------------------------------------------

    /**
     * Malformed sign-ins: random bytes, deep nesting, wrong types, odd unicode and hostile text as
     * the user name or password, under any content type. None signs anyone in; once the address has
     * failed too often the answer is 429 (the brute-force limit), which is as good an answer.
     */
    @Test
    void loginMalformedBodies() {
        HostileInputs inputs = new HostileInputs(SEED);
        send("login: malformed bodies", 400, index -> {
            String body = switch (index % 5) {
                case 0 -> new String(inputs.randomBytes(), StandardCharsets.ISO_8859_1);
                case 1 -> inputs.deepNesting();
                case 2 -> "{\"username\":" + inputs.hostileText() + ",\"password\":[" + index + "]}";
                case 3 -> "{\"username\":" + jsonString(inputs.oddUnicode()) + ",\"password\":"
                        + jsonString(inputs.oddUnicode()) + "}";
                default -> "{\"username\":" + jsonString(inputs.hostileText()) + ",\"password\":"
                        + jsonString(inputs.hostileText()) + "}";
            };
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", index % 7 == 0 ? inputs.contentType() : "application/json");
            Response answer = RawHttp.send(base, "POST", "/api/auth/login", headers,
                    body.getBytes(index % 5 == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            check("login: malformed bodies", answer);
            assertTrue(answer.status() >= 400, "nobody signs in: " + answer.status());
            String cookie = answer.header("Set-Cookie");
            assertTrue(cookie == null || !cookie.startsWith("lkdash_session="), "no session: " + cookie);
        });
    }

    /** A read signed in as the test administrator, so that the read API's own checks are reached. */
    private static Response signedIn(String target) {
        return RawHttp.send(base, "GET", target,
                Map.of("Cookie", TestLogin.cookie(URI.create(base.toString())).orElseThrow()), null);
    }

    // ---- what every answer must be -----------------------------------------------------------------

    /** One request of a class: draws its input, sends it, checks the answer. */
    @FunctionalInterface
    interface HostileRequest {
        void send(int index) throws Exception;
    }

    /**
     * Sends the requests 0 to count - 1 of a class, in order; the first failure stops the class and
     * names the class, the request's index and the seed, so that it can be replayed.
     */
    static void send(String hostileClass, int count, HostileRequest request) {
        lastClass = hostileClass;
        for (int index = 0; index < count; index++) {
            try {
                request.send(index);
            } catch (AssertionError | Exception failure) {
                throw new AssertionError(hostileClass + ", request " + index + " of " + count + " (seed " + SEED + "): "
                        + failure.getMessage(), failure);
            }
        }
    }

    /** Counts one request of a class and checks its answer. */
    static void check(String hostileClass, Response answer) {
        COUNTS.computeIfAbsent(hostileClass, key -> new AtomicInteger()).incrementAndGet();
        assertTrue(answer.status() > 0, hostileClass + ": the server answered");
        if (answer.status() >= 500) {
            assertEquals(503, answer.status(), hostileClass + ": no 5xx but the contract's 503: " + answer.body());
            String code = ErrorShape.check(hostileClass, answer.header("Content-Type"), answer.body());
            assertTrue(code.equals("unavailable") || code.equals("not_configured"), code);
            return;
        }
        if (answer.status() >= 400) {
            if (answer.body().isEmpty()) {
                // what Payara refuses before the application is reached (docs/security.md, Errors)
                assertEquals(400, answer.status(), hostileClass + ": only the container's own 400 has no body");
                assertEquals("0", answer.header("Content-Length"), hostileClass + ": a bare 400");
                assertNull(answer.header("Content-Type"), hostileClass + ": a bare 400, nothing to render");
            } else {
                ErrorShape.check(hostileClass + " (" + answer.status() + ")", answer.header("Content-Type"), answer.body());
            }
        }
        assertTrue(ErrorShape.namesNoJava(answer.body()), hostileClass + ": " + answer.body());
    }

    private static Response webhook(byte[] body, String contentType, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (authorization != null) {
            headers.put("Authorization", latin1(authorization));
        }
        return RawHttp.send(base, "POST", "/api/webhooks/livekit", headers, body);
    }

    /** UTF-8 bytes as header characters, so that a header carries them as sent. */
    private static String latin1(String text) {
        return new String(text.replace("\r", "").replace("\n", "").getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> state() {
        Map<String, String> state = new TreeMap<>();
        for (String target : List.of("/api/rooms", "/api/sessions?limit=100", "/api/rooms/daily-standup",
                "/api/rooms/daily-standup/participants", "/api/sessions/RM_standup0001")) {
            Response answer = signedIn(target);
            state.put(target, answer.status() + " " + answer.body().replaceAll("\"durationSeconds\":[0-9.]+", ""));
        }
        return state;
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }
}
