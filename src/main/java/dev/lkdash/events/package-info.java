/**
 * The event bus between what accepts events (webhooks) and what delivers them (the stream): the
 * dashboard message every client sees, the journal that orders accepted messages and keeps the
 * latest of them for resume, and the CDI event fired for each one.
 */
package dev.lkdash.events;
