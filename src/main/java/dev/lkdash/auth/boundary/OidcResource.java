package dev.lkdash.auth.boundary;

import dev.lkdash.auth.control.AuthSettings;
import dev.lkdash.auth.control.HttpRequests;
import dev.lkdash.auth.control.OidcException;
import dev.lkdash.auth.control.OidcLogin;
import dev.lkdash.auth.control.SessionStore;
import dev.lkdash.auth.entity.AuthMode;
import dev.lkdash.auth.entity.AuthorizationRedirect;
import dev.lkdash.auth.entity.OidcUser;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.logging.Logger;

/**
 * Single sign-on through OpenID Connect ({@code dashboard.auth.oidc.issuer} set):
 * {@code /api/auth/oidc/login} sends the browser to the provider, {@code /api/auth/oidc/callback}
 * takes its answer and, for an allowed user, opens the same session cookie as the password login.
 */
@Path("auth/oidc")
@ApplicationScoped
public class OidcResource {

    static final String PENDING_COOKIE = "lkdash_oidc";
    private static final String CALLBACK_PATH = "/api/auth/oidc/callback";
    private static final Logger LOG = Logger.getLogger(OidcResource.class.getName());

    @Inject
    AuthSettings settings;

    @Inject
    OidcLogin oidc;

    @Inject
    SessionStore sessions;

    @GET
    @Path("login")
    public Response login(@Context HttpServletRequest request) {
        requireOidc();
        AuthorizationRedirect redirect;
        try {
            redirect = oidc.start(redirectUri(request));
        } catch (OidcException unavailable) {
            LOG.warning(() -> "Single sign-on unavailable: " + unavailable.getMessage());
            throw ApiException.unavailable("The sign-in provider cannot be reached");
        }
        // Lax, not Strict: the browser comes back from the provider's site with it
        String pending = PENDING_COOKIE + "=" + redirect.pendingCookieValue() + "; Path=" + pendingCookiePath(request) + "; Max-Age=600; HttpOnly; SameSite=Lax"
                + (HttpRequests.overTls(request) ? "; Secure" : "");
        return Response.seeOther(redirect.location()).header(HttpHeaders.SET_COOKIE, pending)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("callback")
    public Response callback(@Context HttpServletRequest request, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error) {
        requireOidc();
        boolean secure = HttpRequests.overTls(request);
        String clearPending = PENDING_COOKIE + "=; Path=" + pendingCookiePath(request) + "; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
        if (error != null) {
            LOG.info(() -> "Single sign-on refused by the provider: " + LogText.quoted(error));
            throw AuthResource.unauthorized("The sign-in provider refused the sign-in");
        }
        OidcUser user;
        try {
            user = oidc.finish(code, state, pendingCookie(request), redirectUri(request));
        } catch (OidcException refused) {
            LOG.warning(() -> "Single sign-on failed: " + refused.getMessage());
            throw AuthResource.unauthorized("The sign-in could not be completed; start it again");
        }
        if (!oidc.allowed(user)) {
            LOG.warning(() -> "Single sign-on of " + LogText.quoted(user.username()) + " refused: not in the allowed users or groups");
            throw new ApiException(Response.Status.FORBIDDEN, "forbidden", "This account may not use the dashboard");
        }
        String token = sessions.open(user.username());
        LOG.info(() -> "Login of " + LogText.quoted(user.username()) + " through single sign-on");
        // to the page at this application's root, not the server's (the WAR may be under a context path)
        return Response.seeOther(URI.create(request.getContextPath() + "/"))
                .header(HttpHeaders.SET_COOKIE, HttpRequests.sessionCookie(token, secure, HttpRequests.cookiePath(request)))
                .header(HttpHeaders.SET_COOKIE, clearPending)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private void requireOidc() {
        if (settings.mode() != AuthMode.OIDC) {
            throw ApiException.notFound("Single sign-on is not configured");
        }
    }

    /** The configured callback address, else this server's as the browser reached it. */
    private String redirectUri(HttpServletRequest request) {
        return settings.oidcRedirectUri().orElseGet(() -> {
            String host = request.getHeader("Host");
            if (host == null || host.isBlank()) {
                host = request.getServerName() + ":" + request.getServerPort();
            }
            return (HttpRequests.overTls(request) ? "https" : "http") + "://" + host + request.getContextPath() + CALLBACK_PATH;
        });
    }

    private static String pendingCookiePath(HttpServletRequest request) {
        return request.getContextPath() + "/api/auth/oidc";
    }

    private static String pendingCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (PENDING_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
