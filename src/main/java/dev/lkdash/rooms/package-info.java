/**
 * Rooms component: the live state of the LiveKit deployment (active rooms, their participants,
 * tracks, egress, ingress and agent jobs), projected from LiveKit webhook events.
 * <p>
 * Layout (Boundary-Control-Entity): {@code control} holds the projection
 * ({@link dev.lkdash.rooms.control.RoomProjection}), {@code entity} the input record and the
 * read models. The REST boundary is added by the web layer.
 */
package dev.lkdash.rooms;
