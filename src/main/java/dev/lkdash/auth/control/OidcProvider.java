package dev.lkdash.auth.control;

import static dev.lkdash.platform.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An OpenID provider as its discovery document describes it, and its signing keys (JWKS), read on
 * first use; the keys are read again when a token names one not seen yet (the provider rotated
 * them), at most once a minute.
 */
public class OidcProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long KEY_REFRESH_MILLIS = 60_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String configuredIssuer;
    private JsonObject discovery;
    private Map<String, RSAPublicKey> keys = Map.of();
    private long keysReadAt;

    public OidcProvider(String issuer) {
        this.configuredIssuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    public synchronized String issuer() {
        return discovery().getString("issuer");
    }

    public synchronized URI authorizationEndpoint() {
        return URI.create(discovery().getString("authorization_endpoint"));
    }

    public synchronized URI tokenEndpoint() {
        return URI.create(discovery().getString("token_endpoint"));
    }

    /** The provider's RSA key of that id, or null when it has none. */
    public synchronized RSAPublicKey key(String keyId) {
        RSAPublicKey key = keys.get(keyId);
        if (key == null && System.currentTimeMillis() - keysReadAt > KEY_REFRESH_MILLIS) {
            keys = readKeys();
            keysReadAt = System.currentTimeMillis();
            key = keys.get(keyId);
        }
        return key;
    }

    /** Posts a form to an endpoint of the provider and reads its JSON answer. */
    public JsonObject postForm(URI endpoint, String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = send(request.build());
        if (answer.statusCode() != 200) {
            throw new OidcException("the OpenID provider's token endpoint answered " + answer.statusCode());
        }
        return parse(answer.body());
    }

    private JsonObject discovery() {
        if (discovery == null) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(
                    URI.create(configuredIssuer + "/.well-known/openid-configuration")).timeout(TIMEOUT).build());
            if (answer.statusCode() != 200) {
                throw new OidcException("the OpenID provider's discovery document answered " + answer.statusCode());
            }
            JsonObject read = parse(answer.body());
            if (!configuredIssuer.equals(stripSlash(read.getString("issuer", "")))) {
                throw new OidcException("the discovery document names another issuer than dashboard.auth.oidc.issuer");
            }
            discovery = read;
        }
        return discovery;
    }

    private Map<String, RSAPublicKey> readKeys() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(discovery().getString("jwks_uri")))
                .timeout(TIMEOUT).build());
        if (answer.statusCode() != 200) {
            throw new OidcException("the OpenID provider's keys answered " + answer.statusCode());
        }
        Map<String, RSAPublicKey> read = new HashMap<>();
        for (JsonValue value : parse(answer.body()).getJsonArray("keys")) {
            JsonObject jwk = value.asJsonObject();
            if ("RSA".equals(jwk.getString("kty", "")) && !"enc".equals(jwk.getString("use", "sig"))) {
                read.put(jwk.getString("kid", ""), rsaKey(jwk.getString("n"), jwk.getString("e")));
            }
        }
        return Map.copyOf(read);
    }

    private static RSAPublicKey rsaKey(String modulus, String exponent) {
        Base64.Decoder decoder = Base64.getUrlDecoder();
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, decoder.decode(modulus)), new BigInteger(1, decoder.decode(exponent))));
        } catch (java.security.GeneralSecurityException unusable) {
            throw new OidcException("the OpenID provider published an unusable RSA key");
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new OidcException("the OpenID provider cannot be reached");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new OidcException("interrupted while asking the OpenID provider");
        }
    }

    private static JsonObject parse(String body) {
        try {
            return JSON.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException notJson) {
            throw new OidcException("the OpenID provider answered something other than a JSON object");
        }
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
