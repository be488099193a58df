package dev.lkdash.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the test clients in as the administrator of the test deployments ({@link #PASSWORD},
 * which {@link DashboardDeployment} sets), and keeps one session cookie per server. A server
 * started later on the same port does not know an older cookie: {@link #renew} logs in again.
 */
public final class TestLogin {

    public static final String USERNAME = "admin";
    /** The administrator's password in every test deployment that does not choose its own. */
    public static final String PASSWORD = "test-admin-password-0123456789";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<URI, Optional<String>> COOKIES = new ConcurrentHashMap<>();

    private TestLogin() {
    }

    /** The {@code Cookie} header value of a session on that server, or empty when sign-in is off there. */
    public static Optional<String> cookie(URI base) {
        return COOKIES.computeIfAbsent(root(base), TestLogin::login);
    }

    /**
     * Forgets every session: a new deployment has a session store of its own, and on a server
     * that stays up between test classes (WildFly) it answers at the same address as the last.
     */
    public static void forgetAll() {
        COOKIES.clear();
    }

    /** Forgets the server's cookie and signs in again. */
    public static Optional<String> renew(URI base) {
        COOKIES.remove(root(base));
        return cookie(base);
    }

    /** Adds the session cookie to a request. */
    public static HttpRequest.Builder signedIn(HttpRequest.Builder request, URI base) {
        cookie(base).ifPresent(cookie -> request.header("Cookie", cookie));
        return request;
    }

    /** Logs in with the given credentials: the answer as it came. */
    public static HttpResponse<String> login(URI base, String username, String password) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        HttpRequest request = HttpRequest.newBuilder(root(base).resolve("api/auth/login"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The {@code name=value} of the session cookie a login answer set. */
    public static Optional<String> sessionCookieOf(HttpResponse<?> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("lkdash_session="))
                .map(value -> value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')))
                .findFirst();
    }

    private static Optional<String> login(URI root) {
        HttpResponse<String> answer = login(root, USERNAME, PASSWORD);
        if (answer.statusCode() == 204) {
            return sessionCookieOf(answer);
        }
        if (answer.statusCode() == 404) { // sign-in off, or single sign-on: the test's own business
            return Optional.empty();
        }
        throw new AssertionError("the test login answered " + answer.statusCode() + ": " + answer.body());
    }

    /** The application's root on that server: the base's path up to its last slash, {@code /} for a WAR at the root. */
    public static URI root(URI base) {
        String path = base.getPath() == null ? "" : base.getPath();
        String directory = path.substring(0, path.lastIndexOf('/') + 1);
        return base.resolve(directory.isEmpty() ? "/" : directory);
    }
}
