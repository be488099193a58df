package dev.lkdash.platform;

import jakarta.servlet.ServletRequest;

/**
 * The address a request comes from, as the guard decided it (the socket's peer, or behind a
 * trusted proxy the client it forwarded for); the peer when no guard ran.
 */
public final class ClientAddress {

    public static final String ATTRIBUTE = "dev.lkdash.client-address";

    private ClientAddress() {
    }

    public static String of(ServletRequest request) {
        Object decided = request.getAttribute(ATTRIBUTE);
        return decided instanceof String address ? address : request.getRemoteAddr();
    }
}
