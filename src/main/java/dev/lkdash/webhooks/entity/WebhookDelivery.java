package dev.lkdash.webhooks.entity;

import java.io.InputStream;

/**
 * One POST to the webhook endpoint as it arrived, nothing checked yet.
 *
 * @param contentLength the declared length, or -1 when the request did not declare one
 */
public record WebhookDelivery(String remoteAddress, String contentType, long contentLength, String authorization,
                              InputStream body) {
}
