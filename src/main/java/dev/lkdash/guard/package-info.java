/**
 * Guard component: what protects the server from its clients. The address a request comes from
 * (the socket's, or a trusted proxy's {@code X-Forwarded-For}), per-address limits on API
 * requests and open streams, bounded request bodies, the security headers and CORS policy of
 * every answer, refusals counted and logged without flooding the log, and the check of every
 * setting at start.
 */
package dev.lkdash.guard;
