package dev.lkdash.reconciliation.entity;

import livekit.LivekitWebhook;

/**
 * One repair of the webhook-built state, expressed as the LiveKit event that was missed, so it is
 * stored and applied like any other event.
 *
 * @param action {@code room_discovered}, {@code participant_discovered}, {@code room_ended},
 *               {@code participant_vanished} (from LiveKit's listing), or {@code room_presumed_ended}
 *               (without one: the room went quiet)
 * @param reason what LiveKit's listing showed, or why the end is presumed, for people
 * @param event the missed event; its id starts with {@code RC_} and is the same each time the same
 *              difference is found, so a correction is recorded once
 */
public record Correction(String action, String reason, LivekitWebhook.WebhookEvent event) {
}
