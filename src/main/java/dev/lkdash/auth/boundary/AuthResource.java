package dev.lkdash.auth.boundary;

import static dev.lkdash.platform.JsonProviders.JSON;

import dev.lkdash.auth.control.AuthSettings;
import dev.lkdash.auth.control.HttpRequests;
import dev.lkdash.auth.control.LoginThrottle;
import dev.lkdash.auth.control.SessionStore;
import dev.lkdash.auth.entity.AuthMode;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.logging.Logger;

/**
 * The password login, logout, who is signed in, and which sign-in the page should offer
 * (docs/api.md, Authentication). Credentials are checked by the application's
 * {@code IdentityStore} through Jakarta Security's {@link IdentityStoreHandler}.
 */
@Path("auth")
@ApplicationScoped
public class AuthResource {

    /** Login bodies above this are refused unread (413). */
    static final int MAX_LOGIN_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    AuthSettings settings;

    @Inject
    SessionStore sessions;

    @Inject
    IdentityStoreHandler identityStores;

    private LoginThrottle throttle;

    @PostConstruct
    void createThrottle() {
        throttle = new LoginThrottle(settings.maxFailures(), settings.failureWindow(), System::currentTimeMillis);
    }

    @GET
    @Path("mode")
    @Produces(MediaType.APPLICATION_JSON)
    public String mode() {
        return JSON.createObjectBuilder().add("mode", settings.mode().jsonName()).build().toString();
    }

    /**
     * The size is checked first, whatever the body; then JSON only, since a cross-site form cannot
     * send that content type without the browser asking first (CORS).
     */
    @POST
    @Path("login")
    public Response login(@Context HttpServletRequest request, InputStream body) throws IOException {
        if (settings.mode() != AuthMode.PASSWORD) {
            throw new ApiException(Response.Status.NOT_FOUND, "not_found",
                    settings.mode() == AuthMode.OIDC ? "Sign in through single sign-on" : "Sign-in is off");
        }
        if (request.getContentLengthLong() > MAX_LOGIN_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = body.readNBytes(MAX_LOGIN_BODY_BYTES + 1);
        if (bytes.length > MAX_LOGIN_BODY_BYTES) {
            throw tooLarge();
        }
        if (!isJson(request.getContentType())) {
            throw new ApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "A login is sent as application/json");
        }
        String address = HttpRequests.clientAddress(request, settings.clientAddressHeader());
        long addressWait = throttle.addressWait(address);
        if (addressWait > 0) {
            LOG.warning(() -> "Login refused: too many failed logins from " + LogText.quoted(address));
            throw ApiException.tooManyRequests("rate_limited", "Too many failed logins; try again later", addressWait);
        }
        UsernamePasswordCredential credential = credential(bytes);
        long usernameWait = throttle.usernameWait(credential.getCaller());
        if (usernameWait > 0) {
            LOG.warning(() -> "Login refused: too many failed logins for " + LogText.quoted(credential.getCaller()));
            throw ApiException.tooManyRequests("rate_limited", "Too many failed logins; try again later", usernameWait);
        }
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(credential.getCaller(), address);
            LOG.info(() -> "Login failed for " + LogText.quoted(credential.getCaller()) + " from " + LogText.quoted(address));
            throw unauthorized("Wrong user name or password");
        }
        throttle.succeeded(credential.getCaller());
        String username = result.getCallerPrincipal().getName();
        String token = sessions.open(username);
        LOG.info(() -> "Login of " + LogText.quoted(username) + " from " + LogText.quoted(address));
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, HttpRequests.sessionCookie(token, HttpRequests.overTls(request), HttpRequests.cookiePath(request)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context HttpServletRequest request) {
        HttpRequests.sessionToken(request).ifPresent(sessions::close);
        Principal user = request.getUserPrincipal();
        if (user != null) {
            LOG.info(() -> "Logout of " + LogText.quoted(user.getName()));
        }
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, HttpRequests.expiredSessionCookie(HttpRequests.overTls(request), HttpRequests.cookiePath(request)))
                .build();
    }

    /** The signed-in user; without a session the gate has answered 401 already. With sign-in off: {@code {"username":null}}. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@Context HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        if (user == null) {
            if (settings.mode() == AuthMode.DISABLED) {
                return Response.ok(JSON.createObjectBuilder().addNull("username").build().toString()).build();
            }
            throw unauthorized("Sign in to see the dashboard");
        }
        return Response.ok(JSON.createObjectBuilder().add("username", user.getName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static UsernamePasswordCredential credential(byte[] body) {
        JsonObject login;
        try {
            JsonValue parsed = JSON.createReader(new ByteArrayInputStream(body)).readValue();
            if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
                throw badLogin();
            }
            login = parsed.asJsonObject();
        } catch (JsonException | IllegalStateException notJson) {
            throw badLogin();
        }
        if (!(login.get("username") instanceof JsonString username) || !(login.get("password") instanceof JsonString password)
                || username.getString().isEmpty() || username.getString().length() > 1024) {
            throw badLogin();
        }
        return new UsernamePasswordCredential(username.getString(), password.getString());
    }

    private static ApiException badLogin() {
        return new ApiException(Response.Status.BAD_REQUEST, "bad_request",
                "A login is a JSON object with a string username and password");
    }

    private static ApiException tooLarge() {
        return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "A login body is at most " + MAX_LOGIN_BODY_BYTES + " bytes");
    }

    static ApiException unauthorized(String message) {
        return new ApiException(Response.Status.UNAUTHORIZED, "unauthorized", message);
    }
}
