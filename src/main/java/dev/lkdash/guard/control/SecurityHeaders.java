package dev.lkdash.guard.control;

import java.util.Map;

/**
 * The headers every answer carries. The policy allows only the WAR's own scripts, styles, images
 * and connections: the built page has no inline script or style (React sets styles through the
 * DOM, which a policy does not restrict), and nothing may frame it.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'", // the page's <base> names the context path
            "form-action 'self'",
            "frame-ancestors 'none'");

    public static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin");

    private SecurityHeaders() {
    }
}
