package dev.lkdash.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The dashboard's session cookie for the stream and the read API, from one login at start. */
final class SignIn {

    private static volatile String cookie;

    private SignIn() {
    }

    /**
     * Logs in when a password is given; without one the server must have sign-in off. A server with
     * sign-in off answers the login 404, and needs no cookie.
     */
    static void login(Options o) throws IOException, InterruptedException {
        if (o.password == null || o.password.isEmpty()) {
            return;
        }
        String body = Json.write(java.util.Map.of("username", o.user, "password", o.password));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(o.url + "/api/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            return;
        }
        if (answer.statusCode() != 204) {
            throw new IOException("login as " + o.user + " answered " + answer.statusCode() + ": " + answer.body());
        }
        String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow(() -> new IOException("login set no cookie"));
        cookie = setCookie.substring(0, setCookie.indexOf(';') < 0 ? setCookie.length() : setCookie.indexOf(';'));
    }

    /** {@code Cookie: …\r\n} for a raw request, or nothing. */
    static String headerLine() {
        return cookie == null ? "" : "Cookie: " + cookie + "\r\n";
    }

    static HttpRequest.Builder signedIn(HttpRequest.Builder request) {
        return cookie == null ? request : request.header("Cookie", cookie);
    }
}
