/**
 * Read models of the session history. Record component names are the JSON field names; times
 * are milliseconds since the epoch, {@code null} when not (yet) known.
 */
package dev.lkdash.sessions.entity;
