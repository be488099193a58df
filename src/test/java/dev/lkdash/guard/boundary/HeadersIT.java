package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.ErrorShape;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.RawHttp;
import dev.lkdash.testing.RawHttp.Response;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every answer (page, assets, API, errors) carries the security headers and no server banner, the
 * page is UTF-8, CORS is closed but for the configured origin, and every error the runtime or the
 * API gives for an odd request is the contract's JSON.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class HeadersIT {

    private static final String ALLOWED_ORIGIN = "https://ops.example.com";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.withKeys("headers", Map.of("dashboard.cors.allowed-origins", ALLOWED_ORIGIN));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoBanner() {
        Response page = RawHttp.get(base, "/");
        assertEquals(200, page.status());
        assertEquals("text/html;charset=utf-8", page.header("Content-Type").replace(" ", "").toLowerCase());
        List<String> targets = new java.util.ArrayList<>(List.of("/", "/index.html", "/rooms/some-room", "/favicon.svg",
                "/api/rooms", "/api/info", "/api/nothing-here", "/no-such-file.png", "/api/sessions?limit=x"));
        targets.addAll(assets(page.body()));
        for (String target : targets) {
            Response answer = RawHttp.get(base, target);
            String csp = answer.header("Content-Security-Policy");
            assertNotNull(csp, target + ": Content-Security-Policy");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
                    && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), target + ": " + csp);
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), target);
            assertEquals("no-referrer", answer.header("Referrer-Policy"), target);
            assertNull(answer.header("Server"), target + ": no Server banner");
            assertNull(answer.header("X-Powered-By"), target + ": no X-Powered-By banner");
            String type = answer.header("Content-Type");
            if (type != null && (type.startsWith("text/") || type.contains("javascript") || type.contains("svg"))) {
                assertTrue(type.toLowerCase().contains("charset=utf-8"), target + ": UTF-8, not " + type);
            }
        }
    }

    @Test
    void corsIsClosedButForTheConfiguredOrigin() {
        Response other = RawHttp.send(base, "GET", "/api/rooms", Map.of("Origin", "https://evil.example"), null);
        assertEquals(200, other.status());
        assertNull(other.header("Access-Control-Allow-Origin"), "an unknown origin gets no CORS permission");
        Response preflightOther = RawHttp.send(base, "OPTIONS", "/api/rooms",
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"), null);
        assertNull(preflightOther.header("Access-Control-Allow-Origin"));
        assertTrue(preflightOther.body().isEmpty(), "no runtime description of the API: " + preflightOther.body());

        Response allowed = RawHttp.send(base, "GET", "/api/rooms", Map.of("Origin", ALLOWED_ORIGIN), null);
        assertEquals(ALLOWED_ORIGIN, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", allowed.header("Vary"));
        Response preflight = RawHttp.send(base, "OPTIONS", "/api/events",
                Map.of("Origin", ALLOWED_ORIGIN, "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "last-event-id"), null);
        assertEquals(204, preflight.status());
        assertEquals(ALLOWED_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Last-Event-ID"));
    }

    @Test
    void oddRequestsGetTheContractsJsonErrors() {
        Map<String, Integer> oddGets = Map.ofEntries(
                Map.entry("/api/%2e%2e/x", 404),
                Map.entry("/api/nothing/here", 404),
                Map.entry("/api/rooms/no-such-room", 404),
                Map.entry("/api/sessions/no-such-session", 404),
                Map.entry("/api/sessions?limit=abc", 400),
                Map.entry("/api/sessions?from=-1x", 400),
                Map.entry("/api/sessions?cursor=%7B%7D", 400),
                Map.entry("/api/stats/overview?window=1y", 400),
                Map.entry("/missing.js", 404),
                Map.entry("/assets/missing.css", 404));
        oddGets.forEach((target, status) -> {
            Response answer = RawHttp.get(base, target);
            assertEquals(status, answer.status(), target + ": " + answer.body());
            ErrorShape.check(target, answer.header("Content-Type"), answer.body());
        });

        Response wrongMethod = RawHttp.send(base, "DELETE", "/api/rooms", Map.of(), null);
        assertEquals(405, wrongMethod.status());
        ErrorShape.check("DELETE /api/rooms", wrongMethod.header("Content-Type"), wrongMethod.body());
        Response wrongType = RawHttp.send(base, "POST", "/api/webhooks/livekit", Map.of("Content-Type", "text/xml"), "<x/>".getBytes());
        assertEquals(415, wrongType.status());
        assertEquals("unsupported_media_type", ErrorShape.check("text/xml webhook", wrongType.header("Content-Type"), wrongType.body()));
        Response unacceptable = RawHttp.send(base, "GET", "/api/rooms", Map.of("Accept", "application/xml"), null);
        assertEquals(406, unacceptable.status());
        ErrorShape.check("Accept: xml", unacceptable.header("Content-Type"), unacceptable.body());

        byte[] notJson = "{\"event\": [1, {\"x\": ".getBytes(StandardCharsets.UTF_8);
        Response malformed = RawHttp.send(base, "POST", "/api/webhooks/livekit",
                Map.of("Content-Type", "application/webhook+json", "Authorization", LiveKitSigner.TEST.sign(notJson)), notJson);
        assertEquals(400, malformed.status());
        assertEquals("malformed_payload", ErrorShape.check("malformed webhook", malformed.header("Content-Type"), malformed.body()));

        // client routes still get the page; only what looks like a file is a 404
        Response clientRoute = RawHttp.get(base, "/sessions/RM_abc");
        assertEquals(200, clientRoute.status());
        assertTrue(clientRoute.body().contains("<div id=\"root\">"));
    }

    @Test
    void requestsTheContainerRefusesBeforeTheAppGetNoHtmlAndNoStackTrace() {
        for (String target : List.of("/api/sessions/%00", "/api/rooms/%FF", "/api/..%2f..%2fetc", "/api/sessions/%C0%AE")) {
            assertNothingToRender(target, RawHttp.get(base, target));
        }
        assertNothingToRender("a 100 KB header", RawHttp.send(base, "GET", "/api/rooms", Map.of("X-Big", "a".repeat(100_000)), null));
        Response large = RawHttp.send(base, "GET", "/api/rooms", Map.of("X-Big", "a".repeat(12_000)), null);
        assertEquals(200, large.status(), "headers up to 16 KiB in all are accepted");
    }

    /**
     * The contract's JSON error where the application sees the request (WildFly hands these
     * paths to it), else a bare 400: Payara refuses them before the request is mapped to the
     * application, so none of its code, filters or error pages can answer (docs/security.md,
     * Errors): the URI's decoding (CoyoteAdapter, "400 Invalid URI") and the header parser
     * (Grizzly's codec). Either way nothing a browser could render.
     */
    private static void assertNothingToRender(String what, Response answer) {
        if (answer.body().isEmpty()) {
            assertEquals(400, answer.status(), what);
            assertEquals("0", answer.header("Content-Length"), what);
            assertNull(answer.header("Content-Type"), what + ": no media type");
        } else {
            assertTrue(answer.status() >= 400 && answer.status() < 500, what + ": " + answer.status());
            ErrorShape.check(what, answer.header("Content-Type"), answer.body());
        }
    }

    private static List<String> assets(String index) {
        // relative to the page's base, which is the server's root here
        Matcher matcher = Pattern.compile("(?:src|href)=\"(?:\\./)?(assets/[^\"]+)\"").matcher(index);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add("/" + matcher.group(1));
        }
        return found;
    }
}
