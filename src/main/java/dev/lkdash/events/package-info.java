/**
 * The event bus between what accepts events (webhooks) and what delivers them (the stream): the
 * dashboard message every client sees, the journal that orders accepted messages and keeps the
 * latest of them for resume, and the CDI event fired for each one. With {@code dashboard.bus=redis}
 * the order is a Redis stream the instances share, which the journal follows.
 */
package dev.lkdash.events;
