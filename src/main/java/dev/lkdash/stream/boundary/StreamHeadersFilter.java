package dev.lkdash.stream.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers that keep a stream unbuffered and uncached on its way through proxies (nginx buffers
 * unless told {@code X-Accel-Buffering: no}).
 */
@Provider
@StreamHeaders
public class StreamHeadersFilter implements ContainerResponseFilter {

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.getHeaders().putSingle("X-Accel-Buffering", "no");
        // connection headers are forbidden on HTTP/2
        if ("HTTP/1.1".equals(servletRequest.getProtocol())) {
            response.getHeaders().putSingle("Connection", "keep-alive");
        }
    }
}
