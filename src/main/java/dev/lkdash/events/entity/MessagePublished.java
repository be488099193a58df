package dev.lkdash.events.entity;

/** CDI event fired (asynchronously) after a message was appended to the journal. */
public record MessagePublished(DashboardMessage message) {
}
