package dev.lkdash.testing;

import io.livekit.server.AccessToken;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;

/**
 * Signs webhook bodies the way a LiveKit server does: an access token of the API key whose
 * {@code sha256} claim is the base64 SHA-256 of the body, sent bare in {@code Authorization}.
 */
public record LiveKitSigner(String apiKey, String apiSecret) {

    public static final LiveKitSigner TEST = new LiveKitSigner("APItestkey01", "test-secret-that-is-long-enough-for-hs256");

    public String sign(byte[] body) {
        return token(body, null, null);
    }

    /** A token valid from {@code notBefore} to {@code expiresAt} (null: LiveKit's defaults). */
    public String token(byte[] body, Date notBefore, Date expiresAt) {
        AccessToken token = new AccessToken(apiKey, apiSecret);
        token.setSha256(sha256Base64(body));
        if (notBefore != null) {
            token.setNotBefore(notBefore);
        }
        if (expiresAt != null) {
            token.setExpiration(expiresAt);
        }
        return token.toJwt();
    }

    public static String sha256Base64(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
