package dev.lkdash.webhooks.control;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks LiveKit's webhook signature: an HS256 JWT issued by the API key, valid now give or take
 * the leeway, whose {@code sha256} claim is the SHA-256 of the raw body (compared in constant
 * time). LiveKit sends the token bare; a {@code Bearer } prefix is accepted too. Unlike the SDK's
 * {@code WebhookReceiver}, which allows no clock skew, this allows LiveKit's own 60 s.
 */
public final class WebhookVerifier {

    private static final String BEARER = "bearer ";

    private final JWTVerifier tokens;
    private final String apiKey;
    private final Algorithm signature;
    private final Clock clock;

    public WebhookVerifier(String apiKey, String apiSecret, Duration leeway, Clock clock) {
        this.apiKey = apiKey;
        this.signature = Algorithm.HMAC256(apiSecret);
        this.clock = clock;
        JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT
                .require(signature)
                .withIssuer(apiKey)
                .acceptLeeway(leeway.toSeconds());
        this.tokens = verification.build(clock);
    }

    /** A token for the body as LiveKit signs one: only the start's rehearsal of a webhook uses it. */
    String tokenFor(byte[] bodySha256) {
        Instant now = clock.instant();
        return JWT.create().withIssuer(apiKey).withNotBefore(now).withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(60))
                .withClaim("sha256", Base64.getEncoder().encodeToString(bodySha256))
                .sign(signature);
    }

    /**
     * @param bodySha256 SHA-256 of the raw body bytes, computed before any parsing
     * @throws dev.lkdash.platform.ApiException {@code invalid_signature} with the reason
     */
    public void verify(String authorization, byte[] bodySha256) {
        if (authorization == null || authorization.isBlank()) {
            throw WebhookRefusal.invalidSignature("Missing Authorization header");
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            token = token.substring(BEARER.length()).strip();
        }
        DecodedJWT verified = verifiedToken(token);
        String claimed = verified.getClaim("sha256").asString();
        if (claimed == null) {
            throw WebhookRefusal.invalidSignature("The token has no sha256 claim");
        }
        if (!MessageDigest.isEqual(decodeBase64(claimed), bodySha256)) {
            throw WebhookRefusal.invalidSignature("The body does not match the token's sha256 claim");
        }
    }

    private DecodedJWT verifiedToken(String token) {
        try {
            return tokens.verify(token);
        } catch (TokenExpiredException expired) {
            throw WebhookRefusal.invalidSignature("The token has expired");
        } catch (IncorrectClaimException claim) {
            throw WebhookRefusal.invalidSignature("The token's " + claim.getClaimName() + " claim is not valid now or not ours");
        } catch (AlgorithmMismatchException algorithm) {
            throw WebhookRefusal.invalidSignature("The token is not signed with HS256");
        } catch (SignatureVerificationException signature) {
            throw WebhookRefusal.invalidSignature("The token's signature does not match the configured secret");
        } catch (JWTDecodeException garbage) {
            throw WebhookRefusal.invalidSignature("The Authorization header is not a JWT");
        } catch (JWTVerificationException other) {
            throw WebhookRefusal.invalidSignature("The token was refused");
        }
    }

    private static byte[] decodeBase64(String claimed) {
        try {
            return Base64.getDecoder().decode(claimed);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(claimed);
            } catch (IllegalArgumentException notBase64) {
                throw WebhookRefusal.invalidSignature("The token's sha256 claim is not base64");
            }
        }
    }

    public static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
