/**
 * Who may see the dashboard: the password login (one administrator, Jakarta Security's
 * {@code HttpAuthenticationMechanism} and {@code IdentityStore}, the password kept only as a PBKDF2
 * hash) or OpenID Connect single sign-on, sessions kept in the event database as token hashes so
 * that every instance honours them, the brute-force limit, the gate in front of the read API and
 * the stream, and the bearer token of {@code /metrics}.
 */
package dev.lkdash.auth;
