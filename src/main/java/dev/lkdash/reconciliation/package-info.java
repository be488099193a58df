/**
 * Reconciliation with LiveKit's RoomService: when {@code livekit.url} is set, the rooms and
 * participants LiveKit lists are compared with the state built from webhooks, and what differs
 * (a room that ended while its webhook was lost, a participant that vanished, a room or a
 * participant never heard of) is repaired by recording a correction event, which every dashboard
 * receives as a {@code system} {@code reconciliation} message. Without {@code livekit.url}, a
 * live room nobody holds open that has had no event for its {@code emptyTimeout} plus
 * {@code departureTimeout} is presumed ended the same way ({@code room_presumed_ended}).
 */
package dev.lkdash.reconciliation;
