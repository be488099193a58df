/**
 * Receives LiveKit webhooks: reads the raw body within its limit, verifies LiveKit's signature
 * over those bytes, parses the event with the LiveKit SDK, drops LiveKit's retries of an event
 * already accepted, and hands each new event to the event bus. Keeps webhook health: what
 * arrived by event, what was refused and why, LiveKit's retries and the webhooks it dropped.
 */
package dev.lkdash.webhooks;
