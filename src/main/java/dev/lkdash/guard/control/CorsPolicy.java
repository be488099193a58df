package dev.lkdash.guard.control;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access to the API: none unless the origin is on {@code dashboard.cors.allowed-origins}
 * (exact {@code scheme://host[:port]} origins; no wildcard, so that a typo cannot open the API to
 * every site).
 */
public final class CorsPolicy {

    public static final String ALLOWED_METHODS = "GET, HEAD, POST";
    public static final String ALLOWED_HEADERS = "Content-Type, Authorization, Last-Event-ID";
    public static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowed;

    public CorsPolicy(Set<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(CorsPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin) {
        return origin != null && allowed.contains(normalise(origin));
    }

    public boolean isOff() {
        return allowed.isEmpty();
    }

    /** Whether a configured entry is an origin: {@code http(s)://host[:port]} and nothing more. */
    public static boolean isOrigin(String entry) {
        return entry.strip().matches("(?i)https?://[a-z0-9.\\-\\[\\]:]+");
    }

    private static String normalise(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
