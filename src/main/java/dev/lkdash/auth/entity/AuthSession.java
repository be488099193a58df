package dev.lkdash.auth.entity;

/** A signed-in user's session as stored: times in milliseconds since the epoch. */
public record AuthSession(String username, long createdAt, long lastSeenAt) {
}
