package dev.lkdash.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.TestLogin;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same WAR under another context root than {@code /}: the page (at its root and at a client
 * route's depth) names that root as its base, its assets load from there, and sign-in, the read
 * API, webhooks and the stream answer under it, with the session cookie scoped to it.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ContextRootIT {

    private static final String CONTEXT_ROOT = "/ops/dashboard";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        WebArchive war = DashboardDeployment.withKeys("contextroot", Map.of());
        war.delete("WEB-INF/glassfish-web.xml");
        war.delete("WEB-INF/jboss-web.xml");
        String contextRoot = "<context-root>" + CONTEXT_ROOT + "</context-root>";
        return war.addAsWebInfResource(new StringAsset("<glassfish-web-app>" + contextRoot + "</glassfish-web-app>"), "glassfish-web.xml")
                .addAsWebInfResource(new StringAsset("<jboss-web>" + contextRoot + "</jboss-web>"), "jboss-web.xml");
    }

    @Test
    void thePageItsAssetsAndTheApiWorkUnderAnotherContextRoot() throws Exception {
        URI app = TestLogin.root(base.toURI());
        assertEquals(CONTEXT_ROOT + "/", app.getPath(), "deployed under " + app);

        HttpResponse<String> login = TestLogin.login(app, TestLogin.USERNAME, TestLogin.PASSWORD);
        assertEquals(204, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("; Path=" + CONTEXT_ROOT + ";"), "the cookie is scoped to the application: " + setCookie);

        HttpResponse<String> rooms = get(app, "api/rooms");
        assertEquals(200, rooms.statusCode(), rooms.body());
        assertTrue(rooms.body().startsWith("["), rooms.body());

        try (SseTestClient stream = SseTestClient.open(base, "api/events", null)) {
            assertEquals("connected", stream.next(WAIT).json().getString("event"));
            Answer answer = new WebhookSender(base, LiveKitSigner.TEST)
                    .send(WebhookSender.withId(Fixtures.body("room_started"), "EV_contextroot1"));
            assertEquals(200, answer.status(), answer.body());
            assertEquals(answer.json().getString("id"), stream.nextMessage(WAIT).id());
        }

        for (String route : List.of("", "rooms/some-room", "sessions/RM_x")) {
            HttpResponse<String> page = get(app, route);
            if (page.statusCode() == 404 && route.isEmpty()) {
                // a WAR packaged without the browser app (-Dfrontend.skip=true on a fresh clone) has no page to check
                return;
            }
            assertEquals(200, page.statusCode(), route);
            assertTrue(page.body().contains("<base href=\"" + CONTEXT_ROOT + "/\""), route + ": the page's base is the context root");
            List<String> assets = assets(page.body());
            assertFalse(assets.isEmpty(), route + ": the page names its assets");
            for (String asset : assets) {
                assertFalse(asset.startsWith("/"), "relative to the base, not the server's root: " + asset);
                HttpResponse<String> loaded = get(app, asset);
                assertEquals(200, loaded.statusCode(), asset);
            }
        }
    }

    private static List<String> assets(String page) {
        Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"#]+\\.(?:js|css|svg))\"").matcher(page);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** A GET of a path relative to the application's root, signed in there. */
    private static HttpResponse<String> get(URI app, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.resolve(path)).timeout(WAIT);
        return HTTP.send(TestLogin.signedIn(request, app).build(), HttpResponse.BodyHandlers.ofString());
    }
}
