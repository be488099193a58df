package dev.lkdash.operations.entity;

/**
 * {@code GET /api/info}: what the frontend needs to know about the server.
 *
 * @param demo whether generated demo traffic is shown instead of a LiveKit server's
 */
public record AppInfo(String version, boolean demo) {
}
