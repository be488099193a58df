/**
 * Entities of the rooms component: the projection input ({@link dev.lkdash.rooms.entity.ProjectedEvent})
 * and the immutable read models of the live state. Record component names are the JSON field
 * names; all times are milliseconds since the epoch ({@code null} when unknown or not yet
 * happened); LiveKit enums are their names as strings. Null fields are written as {@code null}, not left out
 * ({@code @JsonbNillable}), so every object of a kind has the same members.
 */
@JsonbNillable
package dev.lkdash.rooms.entity;

import jakarta.json.bind.annotation.JsonbNillable;
