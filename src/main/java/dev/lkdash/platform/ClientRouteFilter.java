package dev.lkdash.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Serves the browser app's {@code index.html} for its client-side routes ({@code /rooms/…},
 * {@code /sessions/…}), so a reload or a shared link works. The API keeps its own answers, 404s
 * included, and so do files (any last path segment with a dot). Built assets carry a content
 * hash in their names and are cached for good; {@code index.html} is always revalidated.
 * With the WAR at {@code /}, the runtime's {@code /health} and {@code /metrics} pass through this
 * filter too: they are left alone. Declared in web.xml, after the guard's filters.
 */
public class ClientRouteFilter extends HttpFilter {

    private static final String INDEX = "/index.html";
    private static final List<String> SERVER_PATHS = List.of("/api", "/health", "/metrics", "/openapi");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/assets/")) {
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else if (isClientRoute(request.getMethod(), path)) {
            response.setHeader("Cache-Control", "no-cache");
            request.getRequestDispatcher(INDEX).forward(request, response);
            return;
        } else if (path.equals(INDEX)) {
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }

    private static boolean isClientRoute(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        for (String serverPath : SERVER_PATHS) {
            if (path.equals(serverPath) || path.startsWith(serverPath + "/")) {
                return false;
            }
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
