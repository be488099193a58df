package dev.lkdash.webhooks.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lkdash.platform.ApiException;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final LiveKitSigner LIVEKIT = LiveKitSigner.TEST;
    private static final byte[] BODY = Fixtures.body("participant_joined");

    private final WebhookVerifier verifier = new WebhookVerifier(LIVEKIT.apiKey(), LIVEKIT.apiSecret(),
            Duration.ofSeconds(60), Clock.systemUTC());

    @Test
    void acceptsATokenSignedAsLiveKitSignsIt() {
        assertDoesNotThrow(() -> verifier.verify(LIVEKIT.sign(BODY), WebhookVerifier.sha256(BODY)));
    }

    @Test
    void acceptsABearerPrefix() {
        assertDoesNotThrow(() -> verifier.verify("Bearer " + LIVEKIT.sign(BODY), WebhookVerifier.sha256(BODY)));
        assertDoesNotThrow(() -> verifier.verify("bearer " + LIVEKIT.sign(BODY), WebhookVerifier.sha256(BODY)));
    }

    @Test
    void refusesAWrongSecret() {
        String token = new LiveKitSigner(LIVEKIT.apiKey(), "another-secret-of-sufficient-length").sign(BODY);
        assertRefused("signature does not match", token, BODY);
    }

    @Test
    void refusesAnotherKey() {
        String token = new LiveKitSigner("APIotherkey", LIVEKIT.apiSecret()).sign(BODY);
        assertRefused("iss", token, BODY);
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("Alice", "Mallory").getBytes(StandardCharsets.UTF_8);
        assertRefused("does not match the token's sha256", LIVEKIT.sign(BODY), tampered);
    }

    @Test
    void refusesAnExpiredToken() {
        long now = System.currentTimeMillis();
        String token = LIVEKIT.token(BODY, new Date(now - 600_000), new Date(now - 61_000));
        assertRefused("expired", token, BODY);
    }

    @Test
    void acceptsClockSkewWithinTheLeeway() {
        long now = System.currentTimeMillis();
        String expiredAMomentAgo = LIVEKIT.token(BODY, new Date(now - 600_000), new Date(now - 50_000));
        String fromAClockAhead = LIVEKIT.token(BODY, new Date(now + 50_000), new Date(now + 350_000));
        assertDoesNotThrow(() -> verifier.verify(expiredAMomentAgo, WebhookVerifier.sha256(BODY)));
        assertDoesNotThrow(() -> verifier.verify(fromAClockAhead, WebhookVerifier.sha256(BODY)));
    }

    @Test
    void refusesClockSkewBeyondTheLeeway() {
        long now = System.currentTimeMillis();
        String fromAClockFarAhead = LIVEKIT.token(BODY, new Date(now + 70_000), new Date(now + 370_000));
        assertRefused("nbf", fromAClockFarAhead, BODY);
    }

    @Test
    void refusesAMissingHeader() {
        assertRefused("Missing Authorization", null, BODY);
        assertRefused("Missing Authorization", "  ", BODY);
    }

    @Test
    void refusesGarbage() {
        assertRefused("not a JWT", "not-a-token", BODY);
        assertRefused("not a JWT", "Bearer a.b.c", BODY);
    }

    @Test
    void refusesAnUnsignedToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + LIVEKIT.apiKey() + "\",\"sha256\":\""
                + LiveKitSigner.sha256Base64(BODY) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertRefused("HS256", header + "." + claims + ".", BODY);
    }

    @Test
    void refusesATokenWithoutTheBodyHash() {
        String token = new io.livekit.server.AccessToken(LIVEKIT.apiKey(), LIVEKIT.apiSecret()).toJwt();
        assertRefused("no sha256 claim", token, BODY);
    }

    private void assertRefused(String reason, String authorization, byte[] body) {
        ApiException refused = assertThrows(ApiException.class,
                () -> verifier.verify(authorization, WebhookVerifier.sha256(body)));
        assertEquals("invalid_signature", refused.code());
        assertEquals(400, refused.getResponse().getStatus());
        if (!refused.getMessage().contains(reason)) {
            throw new AssertionError("expected a reason containing '" + reason + "', got: " + refused.getMessage());
        }
    }
}
