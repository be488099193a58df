package dev.lkdash.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.OperationsEndpoints;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.TestLogin;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The password login as the contract's Authentication section says it: the cookie and its
 * attributes, logout, {@code /api/auth/me}, 401 JSON on the read API and the stream, what stays
 * open, the brute-force limit per user name and per address, the body limit, and the
 * {@code /metrics} bearer token. Addresses are told by {@code X-Forwarded-For}, configured as
 * the trusted proxy's header here.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class AuthIT {

    private static final String METRICS_TOKEN = "metrics-token-for-the-test";
    private static final String READ_PATHS[] = {"/api/rooms", "/api/rooms/some-room", "/api/rooms/some-room/participants",
        "/api/sessions", "/api/sessions/RM_x", "/api/sessions?format=csv", "/api/stats/overview", "/api/info",
        "/api/webhooks/health", "/api/no-such-thing"};
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("auth", Map.of(
                "dashboard.auth.client-address-header", "X-Forwarded-For",
                "dashboard.metrics.token", METRICS_TOKEN));
    }

    @Test
    void aLoginSetsAStrictHttpOnlySessionCookieThatOpensTheApi() throws Exception {
        HttpResponse<String> login = login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.1.0.1", Map.of());
        assertEquals(204, login.statusCode(), login.body());
        String cookie = setCookie(login);
        assertTrue(cookie.startsWith("lkdash_session="), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Path=/"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http: no Secure, " + cookie);

        String session = TestLogin.sessionCookieOf(login).orElseThrow();
        HttpResponse<String> me = get("/api/auth/me", session);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(TestLogin.USERNAME, json(me.body()).getString("username"));
        assertEquals(200, get("/api/rooms", session).statusCode());
    }

    @Test
    void overTlsOrBehindAProxyThatSaysSoTheCookieIsSecure() {
        for (Map<String, String> proxy : new Map[] {Map.of("X-Forwarded-Proto", "https"),
            Map.of("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43")}) {
            HttpResponse<String> login = login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.1.0.2", proxy);
            assertEquals(204, login.statusCode(), login.body());
            assertTrue(setCookie(login).contains("; Secure"), proxy + ": " + setCookie(login));
        }
    }

    @Test
    void wrongCredentialsAre401Json() {
        HttpResponse<String> wrong = login(TestLogin.USERNAME, "not-the-password", "10.1.0.3", Map.of());
        assertUnauthorizedJson(wrong, "wrong password");
        assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty(), "no cookie for a failed login");
        assertUnauthorizedJson(login("nobody", TestLogin.PASSWORD, "10.1.0.3", Map.of()), "unknown user");
    }

    @Test
    void withoutASessionTheReadApiMeAndTheStreamAre401Json() throws Exception {
        for (String path : READ_PATHS) {
            assertUnauthorizedJson(get(path, null), path);
            assertUnauthorizedJson(get(path, "lkdash_session=forged-token"), path + " with a forged cookie");
        }
        assertUnauthorizedJson(get("/api/auth/me", null), "me");
        try (SseTestClient stream = SseTestClient.openAnonymous(base)) {
            assertEquals(401, stream.response().statusCode());
            assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertEquals("unauthorized", json(stream.body()).getString("error"));
        }
        ReadApi signedIn = new ReadApi(base);
        assertEquals(200, signedIn.get("/api/rooms").status());
        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals(200, stream.response().statusCode());
            assertEquals("connected", stream.next(Duration.ofSeconds(10)).json().getString("event"));
        }
    }

    @Test
    void theWebhookHealthThePageAndItsAssetsNeedNoLogin() throws Exception {
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        WebhookSender.Answer accepted = livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_authopen1"));
        assertEquals(200, accepted.status(), accepted.body());
        for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
            assertEquals(200, send(HttpRequest.newBuilder(OperationsEndpoints.uri(base, path))).statusCode(), path);
        }
        assertEquals(200, get("/api/auth/mode", null).statusCode());
        assertEquals("password", json(get("/api/auth/mode", null).body()).getString("mode"));
        HttpResponse<String> page = get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<div id=\"root\">") || page.body().contains("id=\"root\""), page.body());
        assertEquals(200, get("/sessions", null).statusCode(), "a client route serves the page too");
        Matcher asset = Pattern.compile("(/assets/[^\"]+\\.js)").matcher(page.body());
        assertTrue(asset.find(), page.body());
        assertEquals(200, get(asset.group(1), null).statusCode(), asset.group(1));
    }

    @Test
    void logoutEndsTheSessionEvenForAReplayedCookie() throws Exception {
        HttpResponse<String> login = login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.1.0.4", Map.of());
        String session = TestLogin.sessionCookieOf(login).orElseThrow();
        assertEquals(200, get("/api/auth/me", session).statusCode());

        HttpResponse<String> logout = HTTP.send(HttpRequest.newBuilder(uri("/api/auth/logout")).header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, logout.statusCode());
        assertTrue(setCookie(logout).contains("Max-Age=0"), setCookie(logout));

        assertUnauthorizedJson(get("/api/auth/me", session), "me after logout");
        assertUnauthorizedJson(get("/api/rooms", session), "rooms after logout");
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(uri("/api/events")).header("Cookie", session)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertEquals(401, stream.statusCode(), "the stream after logout");
        }
    }

    @Test
    void tenFailuresForOneUserNameLockItFromEveryAddress() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertEquals(401, login("mallory", "guess" + attempt, "10.2.0." + attempt, Map.of()).statusCode(), "attempt " + attempt);
        }
        HttpResponse<String> locked = login("mallory", "guess11", "10.2.1.1", Map.of());
        assertTooMany(locked);
        assertTooMany(login("MALLORY", "guess12", "10.2.1.2", Map.of()));
        assertEquals(204, login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.2.1.3", Map.of()).statusCode(),
                "other users are not locked out");
    }

    @Test
    void tenFailuresFromOneAddressLockItForEveryUserName() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertEquals(401, login("user" + attempt, "guess", "10.3.0.1", Map.of()).statusCode(), "attempt " + attempt);
        }
        assertTooMany(login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.3.0.1", Map.of()));
        assertEquals(204, login(TestLogin.USERNAME, TestLogin.PASSWORD, "10.3.0.2", Map.of()).statusCode(),
                "other addresses are not locked out");
    }

    @Test
    void loginBodiesOver16KiBAre413AndOnlyJsonIsTaken() throws Exception {
        String padding = "x".repeat(16 * 1024);
        for (String contentType : new String[] {"application/json", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(uri("/api/auth/login"))
                    .header("Content-Type", contentType).header("X-Forwarded-For", "10.4.0.1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + padding + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, tooLarge.statusCode(), contentType);
            assertEquals("payload_too_large", json(tooLarge.body()).getString("error"));
        }
        HttpResponse<String> notJson = HTTP.send(HttpRequest.newBuilder(uri("/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "10.4.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("[\"admin\"]")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_request", json(notJson.body()).getString("error"));
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(uri("/api/auth/login"))
                .header("Content-Type", "text/plain").header("X-Forwarded-For", "10.4.0.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, form.statusCode(), "what a cross-site form can send");
    }

    @Test
    void metricsNeedTheBearerTokenWhenOneIsSet() throws Exception {
        Assumptions.assumeTrue(OperationsEndpoints.besideTheApplication(),
                "the token guards the application's /metrics; WildFly serves /metrics on its management interface (README)");
        for (String token : new String[] {null, "Bearer wrong", "Basic " + METRICS_TOKEN}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/metrics?scope=application"));
            if (token != null) {
                request.header("Authorization", token);
            }
            HttpResponse<String> refused = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertUnauthorizedJson(refused, "/metrics with " + token);
        }
        HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(uri("/metrics?scope=application"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("dashboard_sse_connections"), scraped.body());
        HttpResponse<String> all = HTTP.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, all.statusCode());
    }

    private static void assertTooMany(HttpResponse<String> answer) {
        assertEquals(429, answer.statusCode(), answer.body());
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        assertEquals("rate_limited", json(answer.body()).getString("error"));
    }

    private static void assertUnauthorizedJson(HttpResponse<String> answer, String what) {
        assertEquals(401, answer.statusCode(), what + ": " + answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        JsonObject body = json(answer.body());
        assertEquals("unauthorized", body.getString("error"), what);
        assertFalse(body.getString("message").isBlank(), what);
    }

    private HttpResponse<String> login(String username, String password, String address, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/auth/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.9, " + address)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                        .add("password", password).build().toString()));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String setCookie(HttpResponse<?> answer) {
        return answer.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("lkdash_session="))
                .findFirst().orElse("");
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
