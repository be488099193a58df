package dev.lkdash.auth.entity;

import java.net.URI;

/**
 * Where to send the browser to sign in at the OpenID provider, and what the browser keeps meanwhile
 * (state, nonce and PKCE verifier, in an HttpOnly cookie) to prove the answer is for this request.
 */
public record AuthorizationRedirect(URI location, String pendingCookieValue) {
}
