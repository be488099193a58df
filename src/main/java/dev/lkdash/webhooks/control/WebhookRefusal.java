package dev.lkdash.webhooks.control;

import dev.lkdash.platform.ApiException;
import jakarta.ws.rs.core.Response.Status;

/** The reasons a webhook is refused, each with the status and code of the contract. */
public final class WebhookRefusal {

    private WebhookRefusal() {
    }

    public static ApiException invalidSignature(String message) {
        return new ApiException(Status.BAD_REQUEST, "invalid_signature", message);
    }

    public static ApiException malformedPayload(String message) {
        return new ApiException(Status.BAD_REQUEST, "malformed_payload", message);
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                "The body exceeds " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType() {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Expected application/webhook+json or application/json");
    }

    public static ApiException notConfigured() {
        return new ApiException(Status.SERVICE_UNAVAILABLE, "not_configured",
                "Webhooks are refused until livekit.api.key and livekit.api.secret are set");
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return ApiException.tooManyRequests("rate_limited", "Too many webhooks from this address", retryAfterSeconds);
    }
}
