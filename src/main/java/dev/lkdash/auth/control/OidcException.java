package dev.lkdash.auth.control;

/** The OpenID provider could not be used, or its answer was not acceptable; the message names no secret. */
public class OidcException extends RuntimeException {

    public OidcException(String message) {
        super(message);
    }
}
