package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.ErrorShape;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.RawHttp;
import dev.lkdash.testing.RawHttp.Response;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.WebhookSender;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of hostile requests, generated from a fixed seed, against the webhook endpoint and
 * the read API of one running dashboard. Every answer must be below 500 (or the contract's 503),
 * every error body the contract's JSON (or, for what the container refuses before the app, empty);
 * after each class of input the read API is unchanged, nothing was broadcast on an open stream,
 * and the server is ready. The count of requests per class is printed and written to
 * {@code target/hostile-input-counts.txt}.
 * <p>
 * Each class is a property; a new target (the login, for one) is a new property that sends its
 * requests through {@link #check} under its own class name.
 */
class HostileInputIT {

    private static final String SEED = "20261129";
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final LiveKitSigner SIGNER = LiveKitSigner.TEST;

    private static PayaraProcess server;
    private static URL base;
    private static SseTestClient stream;
    private static Map<String, String> stateBefore;

    @BeforeContainer
    static void startTheDashboard() throws Exception {
        server = PayaraProcess.start(Map.of(
                "LIVEKIT_API_KEY", SIGNER.apiKey(),
                "LIVEKIT_API_SECRET", SIGNER.apiSecret(),
                "DASHBOARD_ROOMS_PRESUME_ENDED", "false",
                "DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND", "0",
                "DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("hostile")), PayaraProcess.logFile("hostile-input"));
        base = server.base().toURL();
        WebhookSender livekit = new WebhookSender(base, SIGNER);
        for (byte[] event : Fixtures.session()) {
            assertEquals(200, livekit.send(event).status());
        }
        stateBefore = state();
        stream = SseTestClient.open(base);
        assertEquals("connected", stream.next(Duration.ofSeconds(10)).json().getString("event"));
    }

    @AfterContainer
    static void reportAndStop() throws Exception {
        try {
            String report = new TreeMap<>(COUNTS).entrySet().stream()
                    .map(entry -> String.format("%-52s %6d", entry.getKey(), entry.getValue().get()))
                    .collect(java.util.stream.Collectors.joining("\n", "Hostile input, requests per class (seed " + SEED + "):\n",
                            "\n" + String.format("%-52s %6d", "total", COUNTS.values().stream().mapToInt(AtomicInteger::get).sum())));
            System.out.println(report);
            Files.writeString(Path.of("target/hostile-input-counts.txt"), report + "\n");
        } finally {
            if (stream != null) {
                stream.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    /** After each class: nothing changed, nothing broadcast, still ready. */
    @AfterProperty
    void nothingChangedAndTheServerIsHealthy() throws Exception {
        assertEquals(stateBefore, state(), "the read API is unchanged");
        List<SseTestClient.Frame> broadcast = stream.messagesWithin(Duration.ofMillis(300));
        assertTrue(broadcast.isEmpty(), "nothing was broadcast: " + broadcast);
        assertEquals(200, RawHttp.get(base, "/health/ready").status(), "the server is ready");
    }

    // ---- the webhook endpoint ------------------------------------------------------------------

    @Property(seed = SEED, tries = 600, shrinking = ShrinkingMode.OFF)
    void webhookRandomBytes(@ForAll("randomBytes") byte[] body, @ForAll("contentTypes") String contentType) {
        check("webhook: random bytes", webhook(body, contentType, SIGNER.sign(body)));
    }

    @Property(seed = SEED, tries = 300, shrinking = ShrinkingMode.OFF)
    void webhookRandomBytesUnsigned(@ForAll("randomBytes") byte[] body, @ForAll("garbageTokens") String authorization) {
        check("webhook: random bytes, bad token", webhook(body, WebhookSender.CONTENT_TYPE, authorization));
    }

    @Property(seed = SEED, tries = 600, shrinking = ShrinkingMode.OFF)
    void webhookWrongTypesAndNumbers(@ForAll("brokenEvents") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Response answer = webhook(bytes, WebhookSender.CONTENT_TYPE, SIGNER.sign(bytes));
        check("webhook: wrong types, huge/negative numbers", answer);
        assertEquals(400, answer.status(), body);
    }

    @Property(seed = SEED, tries = 100, shrinking = ShrinkingMode.OFF)
    void webhookDeepNesting(@ForAll("deepNesting") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Response answer = webhook(bytes, WebhookSender.CONTENT_TYPE, SIGNER.sign(bytes));
        check("webhook: deep nesting", answer);
        assertTrue(answer.status() == 400 || answer.status() == 413, answer.status() + " " + answer.body());
    }

    @Property(seed = SEED, tries = 400, shrinking = ShrinkingMode.OFF)
    void webhookValidTokenAnotherBody(@ForAll("oddUnicode") String odd, @ForAll("fixtureNames") String fixture) {
        byte[] signed = WebhookSender.withId(Fixtures.body(fixture), "EV_hostile_signed");
        String tampered = "{\"note\": " + jsonString(odd) + ", " + new String(signed, StandardCharsets.UTF_8).strip().substring(1);
        Response answer = webhook(tampered.getBytes(StandardCharsets.UTF_8), WebhookSender.CONTENT_TYPE, SIGNER.sign(signed));
        check("webhook: valid token, another body (odd unicode)", answer);
        assertEquals(400, answer.status());
    }

    @Property(seed = SEED, tries = 500, shrinking = ShrinkingMode.OFF)
    void webhookForgedTokens(@ForAll("forgedTokens") String token, @ForAll("fixtureNames") String fixture) {
        byte[] body = WebhookSender.withId(Fixtures.body(fixture), "EV_hostile_forged");
        Response answer = webhook(body, WebhookSender.CONTENT_TYPE, token.replace("{sha}", LiveKitSigner.sha256Base64(body)));
        check("webhook: alg none, other algorithms, wrong key/issuer, expired", answer);
        assertEquals(400, answer.status(), token);
    }

    @Property(seed = SEED, tries = 5, shrinking = ShrinkingMode.OFF)
    void webhookTenMegabyteBodies(@ForAll("fixtureNames") String fixture) {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) '[');
        Response answer = webhook(body, WebhookSender.CONTENT_TYPE, SIGNER.sign(body));
        check("webhook: 10 MB bodies", answer);
        assertEquals(413, answer.status());
    }

    @Property(seed = SEED, tries = 20, shrinking = ShrinkingMode.OFF)
    void hundredKilobyteHeaders(@ForAll("hugeHeaderTargets") String target) {
        Response answer = RawHttp.send(base, target.startsWith("POST") ? "POST" : "GET", target.substring(target.indexOf(' ') + 1),
                Map.of("X-Padding", "p".repeat(100_000), "Content-Type", WebhookSender.CONTENT_TYPE), new byte[0]);
        check("100 KB headers", answer);
        assertEquals(400, answer.status());
    }

    // ---- the read API -----------------------------------------------------------------------------

    @Property(seed = SEED, tries = 1200, shrinking = ShrinkingMode.OFF)
    void readApiQueryParameters(@ForAll("readQueries") String target) {
        check("read API: query parameters", RawHttp.get(base, target));
    }

    @Property(seed = SEED, tries = 800, shrinking = ShrinkingMode.OFF)
    void readApiPathSegments(@ForAll("readPaths") String target) {
        check("read API: path segments", RawHttp.get(base, target));
    }

    // ---- what every answer must be -----------------------------------------------------------------

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
                assertEquals(400, answer.status(), hostileClass + ": only the container's own 400 has no body");
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
            Response answer = RawHttp.get(base, target);
            state.put(target, answer.status() + " " + answer.body().replaceAll("\"durationSeconds\":[0-9.]+", ""));
        }
        return state;
    }

    private static String jsonString(String text) {
        return jakarta.json.Json.createValue(text).toString();
    }

    // ---- generators -------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(Arbitraries.of("application/webhook+json", "application/json", "application/json; charset=utf-16",
                        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", ";;;", "*/*"),
                Arbitraries.strings().ascii().ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> garbageTokens() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange('A', 'z').ofMinLength(10).ofMaxLength(60)
                        .map(part -> part + "." + part + "." + part),
                Arbitraries.of("", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "null", "eyJ.eyJ.", "...", "Bearer a.b.c"));
    }

    @Provide
    Arbitrary<String> fixtureNames() {
        return Arbitraries.of("room_started", "participant_joined", "track_published", "egress_started", "room_finished");
    }

    @Provide
    Arbitrary<String> oddUnicode() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200),
                Arbitraries.of("\u0000", "\uD800", "\uDFFF\uD800", "\u202Eevil", "\uFEFF", "e\u0301\u0301\u0301", "\uFFFF",
                        "\uD83D\uDE00".repeat(500), "<script>alert(1)</script>", "${jndi:ldap://x/a}", "'; DROP TABLE room_session; --",
                        "../../etc/passwd", "%00", "\u001b[31mred"));
    }

    @Provide
    Arbitrary<String> brokenEvents() {
        Arbitrary<String> hugeOrNegative = Arbitraries.of("\"99999999999999999999999999\"", "-1", "\"-99999999999999999999\"",
                "1e400", "-1e400", "1.5", "\"0x10\"", "NaN", "Infinity", "\"\"", "18446744073709551616");
        // never an object: one whose fields the type does not know is a valid (empty) object
        Arbitrary<String> wrongType = Arbitraries.of("[]", "true", "\"text\"", "[{\"a\":1}]", "0", "-1", "[[]]");
        Arbitrary<String> numberField = Arbitraries.of("emptyTimeout", "maxParticipants", "numParticipants", "departureTimeout");
        Arbitrary<String> objectField = Arbitraries.of("room", "participant", "track", "egressInfo", "ingressInfo");
        Arbitrary<String> numbersInRoom = Combinators.combine(numberField, hugeOrNegative).as((field, value) ->
                "{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"room\":{\"sid\":\"RM_hostile\",\"name\":\"hostile\",\""
                        + field + "\":" + value + "}}");
        Arbitrary<String> wrongTypes = Combinators.combine(objectField, wrongType)
                .as((field, value) -> "{\"event\":\"participant_joined\",\"id\":\"EV_hostile\",\"" + field + "\":" + value + "}");
        // a number, a boolean or a one-element array would be read as a name (an unknown event, accepted)
        Arbitrary<String> wrongEvent = Arbitraries.of("[]", "{}", "null", "[{\"a\":1}]", "{\"sid\":{}}", "[\"room_started\", \"room_finished\"]")
                .map(value -> "{\"event\":" + value + ",\"id\":\"EV_hostile\",\"room\":{\"sid\":\"RM_hostile\"}}");
        Arbitrary<String> createdAt = hugeOrNegative.filter(value -> !value.equals("-1") && !value.equals("\"\""))
                .map(value -> "{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"createdAt\":" + value
                        + ",\"room\":{\"sid\":\"RM_hostile\",\"name\":\"hostile\"}}");
        return Arbitraries.oneOf(numbersInRoom, wrongTypes, wrongEvent, createdAt,
                Arbitraries.of("{}", "[]", "null", "\"room_started\"", "{\"event\":\"\"}", "{\"id\":\"EV_x\"}"));
    }

    @Provide
    Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(100, 100_000), Arbitraries.of("[", "{\"a\":"),
                Arbitraries.of("room", "participant", "job", "unknownField")).as((depth, open, field) -> {
                    String close = open.equals("[") ? "]" : "}";
                    return "{\"event\":\"room_started\",\"id\":\"EV_hostile\",\"" + field + "\":"
                            + open.repeat(depth) + "1" + close.repeat(depth) + ",\"room\":[]}";
                });
    }

    @Provide
    Arbitrary<String> forgedTokens() {
        String key = SIGNER.apiKey();
        String secret = SIGNER.apiSecret();
        Instant now = Instant.now();
        Arbitrary<String> none = Arbitraries.just(JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.none()));
        Arbitrary<String> otherAlgorithms = Arbitraries.of(Algorithm.HMAC384(secret), Algorithm.HMAC512(secret))
                .map(algorithm -> JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                        .withExpiresAt(now.plusSeconds(3600)).sign(algorithm));
        Arbitrary<String> wrongSecret = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40)
                .map(other -> JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                        .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(secret + other)));
        Arbitrary<String> wrongIssuer = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)
                .map(issuer -> JWT.create().withIssuer(issuer).withClaim("sha256", "{sha}")
                        .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(secret)));
        Arbitrary<String> expired = Arbitraries.integers().between(61, 10_000_000)
                .map(ago -> JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                        .withExpiresAt(now.minusSeconds(ago)).sign(Algorithm.HMAC256(secret)));
        Arbitrary<String> notYet = Arbitraries.integers().between(120, 10_000_000)
                .map(ahead -> JWT.create().withIssuer(key).withClaim("sha256", "{sha}").withNotBefore(Date.from(now.plusSeconds(ahead)))
                        .withExpiresAt(now.plusSeconds(ahead + 3600L)).sign(Algorithm.HMAC256(secret)));
        Arbitrary<String> noHash = Arbitraries.just(JWT.create().withIssuer(key).withExpiresAt(now.plusSeconds(3600))
                .sign(Algorithm.HMAC256(secret)));
        Arbitrary<String> wrongHash = Arbitraries.strings().all().ofMaxLength(60)
                .map(hash -> JWT.create().withIssuer(key).withClaim("sha256", hash).withExpiresAt(now.plusSeconds(3600))
                        .sign(Algorithm.HMAC256(secret)));
        Arbitrary<String> algHeaderSwapped = Arbitraries.of("none", "HS384", "RS256", "ES256", "", "hs256")
                .map(alg -> {
                    String signed = JWT.create().withIssuer(key).withClaim("sha256", "{sha}")
                            .withExpiresAt(now.plusSeconds(3600)).sign(Algorithm.HMAC256(secret));
                    String header = java.util.Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
                    return header + signed.substring(signed.indexOf('.'));
                });
        return Arbitraries.oneOf(none, otherAlgorithms, wrongSecret, wrongIssuer, expired, notYet, noHash, wrongHash, algHeaderSwapped)
                .flatMap(token -> Arbitraries.of(token, "Bearer " + token, "bearer  " + token + " ", token + "."));
    }

    @Provide
    Arbitrary<String> hugeHeaderTargets() {
        return Arbitraries.of("POST /api/webhooks/livekit", "GET /api/rooms", "GET /api/sessions", "GET /api/events", "GET /");
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(120),
                Arbitraries.longs().map(value -> Long.toString(value)),
                Arbitraries.of("-1", "0", "9223372036854775808", "-9223372036854775809", "1e99", "NaN", "0x7f", "", " ",
                        "999999999999999999999999999999", "2147483648", "-2147483649", "1.5", "15m", "24h", "1y", "csv", "json",
                        "xml", "../", "%", "\u0000", "\uD800", "eyJ9", "null", "undefined", "[object Object]"));
    }

    @Provide
    Arbitrary<String> readQueries() {
        Arbitrary<String> parameter = Arbitraries.of("room", "from", "to", "limit", "cursor", "format", "window", "lastEventId",
                "", "limit[]", "from\u0000", "a".repeat(300));
        Arbitrary<String> pair = Combinators.combine(parameter, hostileText())
                .as((name, value) -> encode(name) + "=" + encode(value));
        Arbitrary<String> query = pair.list().ofMinSize(1).ofMaxSize(5).map(pairs -> String.join("&", pairs));
        Arbitrary<String> path = Arbitraries.of("/api/sessions", "/api/stats/overview", "/api/rooms", "/api/info",
                "/api/webhooks/health", "/api/sessions/RM_standup0001");
        Arbitrary<String> rawQuery = Arbitraries.of("limit=%", "limit=%zz", "from=%00", "window=%C0%AE", "cursor=%FF%FE",
                "&&&", "=", "limit=1&limit=2&limit=abc", "format=csv&limit=-1", "format=csv&room=%3D1%2B1");
        return Arbitraries.oneOf(Combinators.combine(path, query).as((p, q) -> p + "?" + q),
                Combinators.combine(path, rawQuery).as((p, q) -> p + "?" + q));
    }

    @Provide
    Arbitrary<String> readPaths() {
        Arbitrary<String> prefix = Arbitraries.of("/api/rooms/", "/api/sessions/", "/api/rooms/daily-standup/", "/api/stats/",
                "/api/webhooks/", "/api/");
        Arbitrary<String> encoded = hostileText().map(HostileInputIT::encodePath);
        Arbitrary<String> raw = Arbitraries.of("%2e%2e/x", "..%2f..%2fetc%2fpasswd", "%00", "%FF", "%C0%AE%C0%AE", "%2F",
                "a%2Fb", ";jsessionid=x", "%252e", "RM_standup0001%00", "daily-standup/participants/x", "x?format=csv",
                "RM_standup0001?format=csv", "%E2%80%AE", "a".repeat(3000), "%", "%%", "~", "*", "%20");
        return Combinators.combine(prefix, Arbitraries.oneOf(encoded, raw)).as((p, s) -> p + s);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String encodePath(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
