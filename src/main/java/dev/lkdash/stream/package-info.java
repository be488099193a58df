/**
 * The Server-Sent Events stream at {@code /api/events}: every accepted message, in acceptance
 * order, to every connected dashboard; resume after {@code Last-Event-ID}; heartbeats that keep
 * proxies open and find dead clients; slow clients cut before they hold anyone else up.
 *
 * <p>By default a JAX-RS resource whose streams share one {@code SseBroadcaster}, fed by the
 * journal's CDI event, with an EJB {@code @Schedule} heartbeat tick; {@code
 * dashboard.sse.transport=servlet} swaps in a non-blocking servlet stream for the highest fan-out.
 */
package dev.lkdash.stream;
