/**
 * The Server-Sent Events stream at {@code /api/events}: every accepted message, in acceptance
 * order, to every connected dashboard; resume after {@code Last-Event-ID}; heartbeats that keep
 * proxies open and find dead clients; slow clients cut before they hold anyone else up.
 */
package dev.lkdash.stream;
