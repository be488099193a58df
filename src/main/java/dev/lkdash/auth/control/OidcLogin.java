package dev.lkdash.auth.control;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import dev.lkdash.auth.entity.AuthorizationRedirect;
import dev.lkdash.auth.entity.OidcUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OpenID Connect's authorization code flow, for single sign-on: the redirect to the provider with
 * state, nonce and a PKCE challenge (S256); the answer checked against them; the code exchanged at
 * the token endpoint (client secret by HTTP Basic when one is set, and the PKCE verifier); the ID
 * token's RS256 signature checked against the provider's published keys, with its issuer, audience
 * (the client id), expiry (60 s of clock skew) and nonce; then the allow-lists.
 */
@ApplicationScoped
public class OidcLogin {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthSettings settings;

    private OidcProvider provider;

    private synchronized OidcProvider provider() {
        if (provider == null) {
            provider = new OidcProvider(settings.oidcIssuer());
        }
        return provider;
    }

    public AuthorizationRedirect start(String redirectUri) {
        String state = random();
        String nonce = random();
        String verifier = random();
        String query = "response_type=code"
                + "&client_id=" + encode(settings.oidcClientId())
                + "&redirect_uri=" + encode(redirectUri)
                + "&scope=" + encode(settings.oidcScopes())
                + "&state=" + state
                + "&nonce=" + nonce
                + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256";
        URI endpoint = provider().authorizationEndpoint();
        String separator = endpoint.getRawQuery() == null ? "?" : "&";
        return new AuthorizationRedirect(URI.create(endpoint + separator + query), state + "." + nonce + "." + verifier);
    }

    /**
     * The user the provider's answer names, once every check passed.
     *
     * @param pending the cookie value {@link #start} gave, as the browser sent it back
     * @throws OidcException when the answer is not for this browser's request or the token is not acceptable
     */
    public OidcUser finish(String code, String state, String pending, String redirectUri) {
        String[] parts = pending == null ? new String[0] : pending.split("\\.");
        if (parts.length != 3 || state == null
                || !MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII))) {
            throw new OidcException("the sign-in answer does not belong to this browser's sign-in (state)");
        }
        if (code == null || code.isBlank()) {
            throw new OidcException("the sign-in answer carries no code");
        }
        String form = "grant_type=authorization_code"
                + "&code=" + encode(code)
                + "&redirect_uri=" + encode(redirectUri)
                + "&client_id=" + encode(settings.oidcClientId())
                + "&code_verifier=" + parts[2];
        String authorization = settings.oidcClientSecret()
                .map(secret -> "Basic " + Base64.getEncoder().encodeToString(
                        (encode(settings.oidcClientId()) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        JsonObject tokens = provider().postForm(provider().tokenEndpoint(), form, authorization);
        String idToken = tokens.getString("id_token", null);
        if (idToken == null) {
            throw new OidcException("the token endpoint gave no ID token");
        }
        return user(verify(idToken, parts[1]));
    }

    /** Whether the allow-lists let the user in: a listed name (user name, e-mail or subject) or a listed group. */
    public boolean allowed(OidcUser user) {
        return user.names().stream().anyMatch(settings.oidcAllowedUsers()::contains)
                || user.groups().stream().anyMatch(settings.oidcAllowedGroups()::contains);
    }

    private DecodedJWT verify(String idToken, String nonce) {
        OidcProvider issuer = provider();
        RSAKeyProvider keys = new RSAKeyProvider() {
            @Override
            public RSAPublicKey getPublicKeyById(String keyId) {
                return issuer.key(keyId == null ? "" : keyId);
            }

            @Override
            public RSAPrivateKey getPrivateKey() {
                return null;
            }

            @Override
            public String getPrivateKeyId() {
                return null;
            }
        };
        try {
            return JWT.require(Algorithm.RSA256(keys))
                    .withIssuer(issuer.issuer())
                    .withAudience(settings.oidcClientId())
                    .withClaim("nonce", nonce)
                    .withClaimPresence("exp")
                    .withClaimPresence("sub")
                    .acceptLeeway(60)
                    .build()
                    .verify(idToken);
        } catch (JWTVerificationException refused) {
            throw new OidcException("the ID token was refused: " + refused.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT));
        }
    }

    private OidcUser user(DecodedJWT token) {
        String subject = token.getSubject();
        String email = token.getClaim("email").asString();
        String preferred = token.getClaim(settings.oidcUsernameClaim()).asString();
        String username = preferred != null ? preferred : email != null ? email : subject;
        Set<String> names = new LinkedHashSet<>();
        for (String name : new String[] {preferred, email, subject}) {
            if (name != null && !name.isBlank()) {
                names.add(name);
            }
        }
        return new OidcUser(username, Set.copyOf(names), groups(token.getClaim(settings.oidcGroupsClaim())));
    }

    private static Set<String> groups(Claim claim) {
        if (claim.isMissing() || claim.isNull()) {
            return Set.of();
        }
        List<String> list = claim.asList(String.class);
        if (list != null) {
            return list.stream().filter(group -> group != null && !group.isBlank()).collect(Collectors.toUnmodifiableSet());
        }
        String single = claim.asString();
        return single == null || single.isBlank() ? Set.of() : Set.of(single);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
