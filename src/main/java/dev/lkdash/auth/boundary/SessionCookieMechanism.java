package dev.lkdash.auth.boundary;

import dev.lkdash.auth.control.AdminIdentityStore;
import dev.lkdash.auth.control.AuthSettings;
import dev.lkdash.auth.control.HttpRequests;
import dev.lkdash.auth.control.SessionStore;
import dev.lkdash.auth.entity.AuthMode;
import dev.lkdash.auth.entity.AuthSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;

/**
 * Jakarta Security's mechanism for the whole application: a request under {@code /api} that
 * carries the cookie of a live session is made that user's. It never refuses anything itself:
 * {@link AuthGate} answers 401 where a user is needed, so the open paths stay open and every
 * refusal is the API's JSON rather than the container's error page. No container HTTP session is
 * created; the cookie is the session, kept in the database ({@link SessionStore}).
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {

    @Inject
    AuthSettings settings;

    @Inject
    SessionStore sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (settings.mode() == AuthMode.DISABLED || !HttpRequests.path(request).startsWith("/api/")) {
            return context.doNothing();
        }
        Optional<AuthSession> session = HttpRequests.sessionToken(request).flatMap(sessions::find);
        if (session.isEmpty()) {
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(session.get().username(), Set.of(AdminIdentityStore.DASHBOARD_GROUP));
    }
}
