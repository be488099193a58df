/**
 * Rooms component: the state of the LiveKit deployment (active rooms, their participants,
 * tracks, egress, ingress and agent jobs, and every session's history), projected from LiveKit
 * webhook events.
 * <p>
 * Layout (Boundary-Control-Entity): {@code boundary} holds the read API of the active rooms and
 * the retention timer; {@code control} the projection ({@link dev.lkdash.rooms.control.RoomProjection},
 * the convergence rules), the read model that keeps its result in the database one change at a
 * time ({@link dev.lkdash.rooms.control.ReadModel}) and the room state that records events and
 * holds the live rooms ({@link dev.lkdash.rooms.control.RoomState}); {@code entity} the input
 * record and the read models.
 */
package dev.lkdash.rooms;
