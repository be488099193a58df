package dev.lkdash.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as a LiveKit server does: {@code Authorization: <JWT>}, HS256, iss = API
 * key, nbf/iat = now, exp = now + 300 s, sha256 = base64(SHA-256(body)). Not thread-safe: one per
 * thread (the Mac and digest are built once and reused).
 */
final class Signer {

    private static final String HEADER = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
    private final String key;
    private final Mac mac;
    private final MessageDigest sha256;

    Signer(String key, String secret) {
        this.key = key;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(byte[] body) {
        String digest = Base64.getEncoder().encodeToString(sha256.digest(body));
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"" + key + "\",\"nbf\":" + now + ",\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"sha256\":\"" + digest + "\"}";
        String unsigned = HEADER + "." + b64url(claims.getBytes(StandardCharsets.UTF_8));
        byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + b64url(signature);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
