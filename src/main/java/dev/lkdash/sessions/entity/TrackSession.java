package dev.lkdash.sessions.entity;

/**
 * A track published during a participant session.
 *
 * @param publishedAt   the {@code track_published} event, null when only its unpublish was seen
 * @param unpublishedAt the {@code track_unpublished} event, else the participant's {@code leftAt}
 */
public record TrackSession(String sid, String type, String source, String name, boolean simulcast, int width,
                           int height, boolean muted, String mimeType, Long publishedAt, Long unpublishedAt) {
}
