package dev.lkdash.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.TestLogin;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Single sign-on against a real OpenID provider (mock-oauth2-server, in this JVM): the browser's
 * round trip through the provider, step by step, ends in the same session cookie as the password
 * login for an allowed user or group, and in 403 JSON for anyone else; an answer that does not
 * belong to the browser's sign-in is refused.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class OidcIT {

    private static final String ISSUER_ID = "team";
    private static final String CLIENT_ID = "lkdash-test-client";
    /** Started before the deployment is built, which needs its address. */
    private static final MockOAuth2Server PROVIDER = started();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("oidc", Map.of(
                "dashboard.auth.oidc.issuer", PROVIDER.issuerUrl(ISSUER_ID).toString(),
                "dashboard.auth.oidc.client-id", CLIENT_ID,
                "dashboard.auth.oidc.client-secret", "test-client-secret",
                "dashboard.auth.oidc.allowed-users", "alice",
                "dashboard.auth.oidc.allowed-groups", "dashboard-ops"));
    }

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void theModeIsOidcAndThePasswordLoginIsOff() throws Exception {
        assertEquals("oidc", json(get("/api/auth/mode", null).body()).getString("mode"));
        assertEquals(404, TestLogin.login(uri("/"), TestLogin.USERNAME, TestLogin.PASSWORD).statusCode());
        assertEquals(401, get("/api/rooms", null).statusCode());
    }

    @Test
    void anAllowedUserSignsInAndGetsTheSessionCookie() throws Exception {
        String session = signIn("alice", List.of()).orElseThrow();
        HttpResponse<String> me = get("/api/auth/me", session);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("alice", json(me.body()).getString("username"));
        assertEquals(200, get("/api/rooms", session).statusCode());
    }

    @Test
    void aMemberOfAnAllowedGroupSignsIn() throws Exception {
        String session = signIn("carol", List.of("staff", "dashboard-ops")).orElseThrow();
        assertEquals("carol", json(get("/api/auth/me", session).body()).getString("username"));
    }

    @Test
    void anyoneElseIsRefusedWith403Json() throws Exception {
        HttpResponse<String> refused = callback("mallory", List.of("staff"));
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("forbidden", json(refused.body()).getString("error"));
        assertTrue(refused.headers().allValues("Set-Cookie").stream().noneMatch(cookie -> cookie.startsWith("lkdash_session=")));
    }

    @Test
    void anAnswerForAnotherBrowsersSignInIsRefused() throws Exception {
        HttpResponse<String> start = get("/api/auth/oidc/login", null);
        assertEquals(303, start.statusCode());
        String pending = pendingCookie(start);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        // no code is exchanged here, so no token callback is queued (it would answer the next test's exchange)
        URI answer = URI.create(send(HttpRequest.newBuilder(authorize)).headers().firstValue("Location").orElseThrow());
        String forged = answer.toString().replaceAll("state=[^&]+", "state=forged");
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(forged)).header("Cookie", pending));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("unauthorized", json(refused.body()).getString("error"));
        HttpResponse<String> withoutCookie = send(HttpRequest.newBuilder(answer));
        assertEquals(401, withoutCookie.statusCode(), "the browser that did not start the sign-in");
    }

    /** The browser's round trip: the dashboard, the provider, back to the dashboard; the session cookie it set. */
    private Optional<String> signIn(String subject, List<String> groups) {
        HttpResponse<String> back = callback(subject, groups);
        assertEquals(303, back.statusCode(), back.body());
        assertEquals("/", URI.create(back.headers().firstValue("Location").orElseThrow()).getPath());
        String cookie = back.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("lkdash_session="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        return TestLogin.sessionCookieOf(back);
    }

    private HttpResponse<String> callback(String subject, List<String> groups) {
        HttpResponse<String> start = get("/api/auth/oidc/login", null);
        assertEquals(303, start.statusCode(), start.body());
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.getQuery().contains("code_challenge_method=S256"), authorize.toString());
        assertTrue(authorize.getQuery().contains("nonce="), authorize.toString());
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", subject, "groups", groups), 3600));
        HttpResponse<String> provider = send(HttpRequest.newBuilder(authorize));
        assertEquals(302, provider.statusCode(), provider.body());
        URI answer = URI.create(provider.headers().firstValue("Location").orElseThrow());
        return send(HttpRequest.newBuilder(answer).header("Cookie", pendingCookie(start)));
    }

    private static String pendingCookie(HttpResponse<?> start) {
        String cookie = start.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("lkdash_oidc="))
                .findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
