/**
 * Demo traffic: with {@code dashboard.demo.enabled=true} the dashboard plays realistic LiveKit
 * sessions (rooms starting and finishing, people, agents and a SIP caller joining and leaving,
 * cameras, microphones and screen shares, a recording) through its own webhook endpoint over
 * HTTP, signed with the configured API key exactly as a LiveKit server signs them, so that a new
 * user sees a living dashboard without a LiveKit server. Off unless asked for.
 */
package dev.lkdash.demo;
