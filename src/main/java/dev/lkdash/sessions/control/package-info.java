/**
 * Queries over the session history: filter by room and start time, newest first, cursor paging.
 */
package dev.lkdash.sessions.control;
