package dev.lkdash.auth.control;

import dev.lkdash.platform.ClientAddress;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the auth component reads from a request: the path, the session cookie, TLS, the client's address. */
public final class HttpRequests {

    public static final String SESSION_COOKIE = "lkdash_session";
    private static final Pattern FORWARDED_PROTO = Pattern.compile("(?i)(?:^|[;,\\s])proto\\s*=\\s*\"?([a-z]+)");

    private HttpRequests() {
    }

    /** The path inside the application as the container mapped it (decoded, dot segments resolved). */
    public static String path(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    public static Optional<String> sessionToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (SESSION_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether the browser reached us over TLS: directly, or through a proxy that says so. */
    public static boolean overTls(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        if (forwardedProto != null && forwardedProto.split(",")[0].strip().equalsIgnoreCase("https")) {
            return true;
        }
        String forwarded = request.getHeader("Forwarded");
        if (forwarded != null) {
            Matcher proto = FORWARDED_PROTO.matcher(forwarded);
            return proto.find() && proto.group(1).toLowerCase(Locale.ROOT).equals("https");
        }
        return false;
    }

    /**
     * The client's address for the brute-force limit: with a trusted proxy's header configured, the
     * last entry of that header (the address the proxy itself saw); else the address the guard
     * decided for every per-address rule ({@code dashboard.http.trusted-proxies}), the socket's by
     * default.
     */
    public static String clientAddress(HttpServletRequest request, Optional<String> trustedHeader) {
        if (trustedHeader.isPresent()) {
            String value = request.getHeader(trustedHeader.get());
            if (value != null && !value.isBlank()) {
                String[] entries = value.split(",");
                String last = entries[entries.length - 1].strip();
                if (!last.isEmpty() && last.length() <= 100) {
                    return last;
                }
            }
        }
        return ClientAddress.of(request);
    }

    /**
     * The path the dashboard's cookies are scoped to: its context root, so that under a non-root
     * context they reach only this application.
     */
    public static String cookiePath(HttpServletRequest request) {
        String contextPath = request.getContextPath();
        return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    }

    /** The session cookie's Set-Cookie value: HttpOnly, SameSite=Strict, the whole application, Secure over TLS. */
    public static String sessionCookie(String token, boolean secure, String path) {
        return SESSION_COOKIE + "=" + token + "; Path=" + path + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** A Set-Cookie value that removes the session cookie from the browser. */
    public static String expiredSessionCookie(boolean secure, String path) {
        return SESSION_COOKIE + "=; Path=" + path + "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
