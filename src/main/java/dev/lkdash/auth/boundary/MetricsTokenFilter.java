package dev.lkdash.auth.boundary;

import dev.lkdash.auth.control.AuthSettings;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.ErrorResponses;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * With {@code dashboard.metrics.token} set, {@code /metrics} answers only a request with
 * {@code Authorization: Bearer <token>} (compared in constant time); 401 JSON otherwise. With the
 * WAR at the context root, Payara Micro's own {@code /metrics} passes through the application's
 * filters (measured in MetricsTokenIT), so this guards it without a server-specific realm.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"}, asyncSupported = true)
public class MetricsTokenFilter extends HttpFilter {

    @Inject
    AuthSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> token = settings.metricsToken();
        if (token.isEmpty() || matches(request.getHeader("Authorization"), token.get())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        ErrorResponses.send(response, new ApiException(Response.Status.UNAUTHORIZED, "unauthorized",
                "/metrics needs the metrics bearer token"));
    }

    private static boolean matches(String authorization, String token) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
