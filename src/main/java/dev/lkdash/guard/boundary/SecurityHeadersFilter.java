package dev.lkdash.guard.boundary;

import dev.lkdash.guard.control.CorsPolicy;
import dev.lkdash.guard.control.RequestLimits;
import dev.lkdash.guard.control.SecurityHeaders;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Puts the security headers on every answer (page, assets, API, stream, error pages) before
 * anything is written, and applies the CORS policy to the API: no cross-origin access unless the
 * origin is allowed by {@code dashboard.cors.allowed-origins}. {@code OPTIONS} on the API is
 * answered here (a preflight, or nothing), never by the runtime. A servlet filter, declared in
 * web.xml to run first, so that it works the same on any Jakarta EE runtime.
 */
public class SecurityHeadersFilter extends HttpFilter {

    @Inject
    RequestLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SecurityHeaders.ALL.forEach(response::setHeader);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            CorsPolicy cors = limits.cors();
            String origin = request.getHeader("Origin");
            if (!cors.isOff()) {
                response.addHeader("Vary", "Origin");
            }
            boolean allowed = cors.allows(origin);
            if (allowed) {
                response.setHeader("Access-Control-Allow-Origin", origin.strip());
            }
            if ("OPTIONS".equals(request.getMethod())) {
                if (allowed) {
                    response.setHeader("Access-Control-Allow-Methods", CorsPolicy.ALLOWED_METHODS);
                    response.setHeader("Access-Control-Allow-Headers", CorsPolicy.ALLOWED_HEADERS);
                    response.setHeader("Access-Control-Max-Age", CorsPolicy.MAX_AGE_SECONDS);
                }
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
