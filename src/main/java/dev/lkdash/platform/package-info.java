/**
 * What every component shares: the JAX-RS application at {@code /api}, the API exceptions and the
 * one mapper that renders every error as a JSON body, and the metrics facade over the server's
 * metrics API.
 */
package dev.lkdash.platform;
