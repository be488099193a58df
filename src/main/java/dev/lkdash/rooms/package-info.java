/**
 * Rooms component: the live state of the LiveKit deployment (active rooms, their participants,
 * tracks, egress, ingress and agent jobs), projected from LiveKit webhook events.
 * <p>
 * Layout (Boundary-Control-Entity): {@code boundary} holds the read API of the active rooms and
 * the retention timer; {@code control} the projection ({@link dev.lkdash.rooms.control.RoomProjection})
 * and the application's one instance of it ({@link dev.lkdash.rooms.control.RoomState}), kept
 * equal to the stored events; {@code entity} the input record and the read models.
 */
package dev.lkdash.rooms;
