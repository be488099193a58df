package dev.lkdash.events.entity;

/**
 * One accepted message, serialised once: {@code json} is exactly what every client receives.
 *
 * @param sequence position in acceptance order, from 1, without gaps
 * @param id the message id clients see (in the SSE {@code id:} line and the JSON)
 * @param event the LiveKit event name
 * @param timestamp acceptance time, milliseconds since the epoch
 * @param acceptedNanos acceptance time on the monotonic clock, for delivery latency
 * @param json the whole message as JSON text
 */
public record DashboardMessage(long sequence, String id, String event, long timestamp, long acceptedNanos,
                               String json) {
}
