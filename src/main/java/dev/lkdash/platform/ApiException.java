package dev.lkdash.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * An error a client is meant to see: its status, a stable machine-readable code and a message.
 * {@link ApiExceptionMapper} renders it; subclasses name the cases.
 */
public class ApiException extends WebApplicationException {

    private final String code;
    private final long retryAfterSeconds;

    public ApiException(Response.Status status, String code, String message) {
        this(status.getStatusCode(), code, message, 0);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    protected ApiException(int status, String code, String message, long retryAfterSeconds) {
        super(message, status);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, "not_found", message);
    }

    public static ApiException badParameter(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, "bad_parameter", message);
    }

    /** The request was refused to protect the server; the client may try again after a pause. */
    public static ApiException tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new ApiException(429, code, message, Math.max(1, retryAfterSeconds));
    }

    /** The service cannot take the request now; a 5xx so that LiveKit retries webhooks. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, 0);
    }
}
