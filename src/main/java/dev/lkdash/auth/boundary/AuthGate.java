package dev.lkdash.auth.boundary;

import dev.lkdash.auth.control.AuthSettings;
import dev.lkdash.auth.control.HttpRequests;
import dev.lkdash.auth.entity.AuthMode;
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
import java.util.Set;

/**
 * Everything under {@code /api} needs a signed-in user ({@link SessionCookieMechanism} found a
 * session), except what must work without one: LiveKit's webhook (its signature authenticates
 * it) and the sign-in endpoints. Refusals are 401 with the API's JSON body. The page and its
 * assets, {@code /health} and {@code /metrics} are not under {@code /api} and pass.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class AuthGate extends HttpFilter {

    static final Set<String> OPEN_PATHS = Set.of(
            "/api/webhooks/livekit",
            "/api/auth/login",
            "/api/auth/logout",
            "/api/auth/mode",
            "/api/auth/oidc/login",
            "/api/auth/oidc/callback");

    @Inject
    AuthSettings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (settings.mode() == AuthMode.DISABLED || request.getUserPrincipal() != null
                || OPEN_PATHS.contains(HttpRequests.path(request))) {
            chain.doFilter(request, response);
            return;
        }
        ErrorResponses.send(response, new ApiException(Response.Status.UNAUTHORIZED, "unauthorized",
                "Sign in to see the dashboard"));
    }
}
