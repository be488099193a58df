package dev.lkdash.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves the browser app's {@code index.html} for its client-side routes ({@code /rooms/…},
 * {@code /sessions/…}), so a reload or a shared link works. The API keeps its own answers, 404s
 * included, and so do files (any last path segment with a dot). Built assets carry a content
 * hash in their names and are cached for good; {@code index.html} is always revalidated.
 * With the WAR at {@code /}, the runtime's {@code /health} and {@code /metrics} pass through this
 * filter too: they are left alone. Declared in web.xml, after the guard's filters.
 *
 * <p>The page is served with its {@code <base href>} set to the context path: its assets, API
 * calls and routes are relative to that base, so the same WAR works at {@code /} or under any
 * other context root, at any client route's depth.
 */
public class ClientRouteFilter extends HttpFilter {

    private static final String INDEX = "/index.html";
    /** What the build writes in the page; replaced by the context path. */
    private static final String ROOT_BASE = "<base href=\"/\"";
    /**
     * The page as served, its base set to this context path: built once (null until then), since a
     * deployment keeps its context path; an empty array when the WAR has no page.
     */
    private volatile byte[] page;
    private static final List<String> SERVER_PATHS = List.of("/api", "/health", "/metrics", "/openapi");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/assets/")) {
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else if (isClientRoute(request.getMethod(), path) || path.equals(INDEX) && isRead(request.getMethod())) {
            response.setHeader("Cache-Control", "no-cache");
            byte[] page = page(request);
            if (page.length == 0) { // a WAR built without the browser app: the runtime's own 404
                request.getRequestDispatcher(INDEX).forward(request, response);
                return;
            }
            response.setContentType("text/html;charset=UTF-8");
            response.setContentLength(page.length);
            if ("GET".equals(request.getMethod())) {
                response.getOutputStream().write(page);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private byte[] page(HttpServletRequest request) throws IOException {
        byte[] served = page;
        if (served == null) {
            try (InputStream in = request.getServletContext().getResourceAsStream(INDEX)) {
                served = in == null ? new byte[0] : withBase(in.readAllBytes(), request.getContextPath());
            }
            page = served;
        }
        return served;
    }

    /** The built page with its base at this context path. */
    private static byte[] withBase(byte[] built, String contextPath) {
        if (contextPath.isEmpty()) {
            return built;
        }
        String html = new String(built, StandardCharsets.UTF_8);
        return html.replace(ROOT_BASE, "<base href=\"" + contextPath.replace("&", "&amp;").replace("\"", "&quot;") + "/\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private static boolean isClientRoute(String method, String path) {
        if (!isRead(method)) {
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
