package dev.lkdash.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.platform.LogText;
import org.junit.jupiter.api.Test;

class HttpRequestsTest {

    @Test
    void theSessionCookieIsStrictAndHttpOnlyAndSecureOnlyOverTls() {
        assertEquals("lkdash_session=abc; Path=/; HttpOnly; SameSite=Strict", HttpRequests.sessionCookie("abc", false, "/"));
        assertEquals("lkdash_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure", HttpRequests.sessionCookie("abc", true, "/"));
        assertEquals("lkdash_session=abc; Path=/ops/dashboard; HttpOnly; SameSite=Strict", HttpRequests.sessionCookie("abc", false, "/ops/dashboard"));
    }

    @Test
    void logTextEscapesWhatCouldForgeALine() {
        assertEquals("\"ad\\u000amin \\\"x\\\"\"", LogText.quoted("ad\nmin \"x\""));
        assertEquals("(none)", LogText.quoted(null));
        assertEquals("\"" + "y".repeat(120) + "…(500 chars)\"", LogText.quoted("y".repeat(500)), "cut to a length");
    }
}
