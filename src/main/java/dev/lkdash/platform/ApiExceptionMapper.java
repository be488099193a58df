package dev.lkdash.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders every exception that leaves a resource as a JSON error body, so a client never sees an
 * HTML page or a stack trace. The runtime's own errors (unknown path, wrong method, unacceptable
 * media type) get a code derived from their status.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiException api) {
            Response.ResponseBuilder answer = json(api.getResponse().getStatus(), api.code(), api.getMessage());
            if (api.retryAfterSeconds() > 0) {
                answer.header(HttpHeaders.RETRY_AFTER, api.retryAfterSeconds());
            }
            return answer.build();
        }
        if (failure instanceof WebApplicationException web) {
            Response original = web.getResponse();
            Response.StatusType status = original.getStatusInfo();
            Response.ResponseBuilder answer = json(status.getStatusCode(), codeOf(status), status.getReasonPhrase());
            copyHeader(original, answer, HttpHeaders.ALLOW);
            copyHeader(original, answer, HttpHeaders.RETRY_AFTER);
            return answer.build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure while handling a request", failure);
        return json(500, "internal_error", "The server failed to handle the request").build();
    }

    private static Response.ResponseBuilder json(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message).toJson());
    }

    private static String codeOf(Response.StatusType status) {
        return status.getReasonPhrase() == null
                ? "http_" + status.getStatusCode()
                : status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
