/**
 * Read models of the session history. Record component names are the JSON field names; times
 * are milliseconds since the epoch, {@code null} when not (yet) known. Null fields are written as {@code null}, not left out
 * ({@code @JsonbNillable}), so every object of a kind has the same members.
 */
@JsonbNillable
package dev.lkdash.sessions.entity;

import jakarta.json.bind.annotation.JsonbNillable;
