package dev.lkdash.webhooks.entity;

/**
 * The answer to an accepted webhook: {@code {"status":"ok","id":…}} for a new event,
 * {@code {"status":"duplicate"}} for one accepted before (then {@code id} is null and left out).
 */
public record WebhookReceipt(String status, String id) {

    public static WebhookReceipt accepted(String messageId) {
        return new WebhookReceipt("ok", messageId);
    }

    public static WebhookReceipt duplicate() {
        return new WebhookReceipt("duplicate", null);
    }
}
