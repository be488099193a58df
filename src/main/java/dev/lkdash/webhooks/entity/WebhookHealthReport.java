package dev.lkdash.webhooks.entity;

import java.util.List;
import java.util.Map;

/**
 * What arrived and what was refused ({@code GET /api/webhooks/health}, docs/api.md).
 *
 * @param since          start of what the counts cover: the first hour with a delivery within the
 *                       retention window, or this server's start when there is none
 * @param byEvent        accepted events by LiveKit event name
 * @param refused        refused deliveries by the webhook error code, every code present
 * @param recentRefusals the latest refusals, newest first (never a body)
 * @param duplicates     LiveKit retries of events accepted before, answered {@code duplicate}
 * @param numDropped     the sum of {@code numDropped} LiveKit reported in accepted events
 * @param corrections    reconciliation's corrections, newest first
 * @param lastReceivedAt the last delivery LiveKit signed (accepted or duplicate), null for none
 * @param liveRooms      rooms live now
 * @param silent         rooms are live but no signed delivery arrived for {@code silenceMinutes}
 * @param silenceMinutes the quiet time after which {@code silent} is raised
 */
public record WebhookHealthReport(long since, Map<String, EventTally> byEvent, Map<String, Long> refused,
                                  List<Refusal> recentRefusals, long duplicates, long numDropped,
                                  List<CorrectionSeen> corrections, Long lastReceivedAt, int liveRooms,
                                  boolean silent, long silenceMinutes) {

    /** How many events of one name were accepted, and when the last one was. */
    public record EventTally(long count, long lastReceivedAt) {
    }

    /** One refused delivery: when, why (its error code) and from which address. */
    public record Refusal(long at, String reason, String address) {
    }

    /** A correction reconciliation made: when, to which room, as which event. */
    public record CorrectionSeen(long at, String room, String event) {
    }
}
