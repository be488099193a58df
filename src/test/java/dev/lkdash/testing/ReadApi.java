package dev.lkdash.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs of the read API as the dashboard's frontend makes them, signed in. */
public final class ReadApi {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final boolean signedIn;

    /** Signed in as the test administrator ({@link TestLogin}). */
    public ReadApi(URL base) {
        this(URI.create(base.toString()));
    }

    public ReadApi(URI base) {
        this(base, true);
    }

    private ReadApi(URI base, boolean signedIn) {
        this.base = base;
        this.signedIn = signedIn;
    }

    /** The answer to a GET of the path (with its query), any status. */
    public Answer get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && signedIn) {
                TestLogin.renew(base);
                response = http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** The same client without the session cookie, as a visitor who has not signed in. */
    public ReadApi anonymous() {
        return new ReadApi(base, false);
    }

    private HttpRequest request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET();
        return (signedIn ? TestLogin.signedIn(request, base) : request).build();
    }

    /** The JSON object of a 200 answer; anything else fails the test. */
    public JsonObject object(String pathAndQuery) {
        return ok(pathAndQuery).asObject();
    }

    /** The JSON array of a 200 answer; anything else fails the test. */
    public JsonArray array(String pathAndQuery) {
        return ok(pathAndQuery).json().asJsonArray();
    }

    private Answer ok(String pathAndQuery) {
        Answer answer = get(pathAndQuery);
        if (answer.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    public record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }

        public JsonObject asObject() {
            return json().asJsonObject();
        }
    }
}
