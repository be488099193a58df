package dev.lkdash.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Renders an {@link ApiException} from a servlet, as {@link ApiExceptionMapper} does for JAX-RS. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static void send(HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.getResponse().getStatus());
        if (error.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        response.setContentType("application/json; charset=UTF-8");
        byte[] body = new ErrorBody(error.code(), error.getMessage()).toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
