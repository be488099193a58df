package dev.lkdash.guard.boundary;

import dev.lkdash.guard.control.Refusals;
import dev.lkdash.guard.control.RequestLimits;
import dev.lkdash.platform.ApiException;
import dev.lkdash.platform.ClientAddress;
import dev.lkdash.platform.ErrorResponses;
import dev.lkdash.platform.LogText;
import dev.lkdash.platform.StreamSlot;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * The per-address limits in front of the API: decides the client's address (for every component,
 * see {@link ClientAddress}), caps the streams one address holds open on {@code /api/events}
 * (whichever transport writes them: it gives the slot back when the stream ends), limits
 * the rate of other API requests (not webhooks, which have their own limit), and bounds every
 * request body but the webhook's (which its endpoint bounds by {@code dashboard.webhook.max-body-bytes}).
 */
public class RequestGuardFilter extends HttpFilter {

    private static final String STREAM = "/api/events";
    private static final String WEBHOOK = "/api/webhooks/livekit";
    private static final long STREAM_RETRY_AFTER_SECONDS = 5;

    @Inject
    RequestLimits limits;

    @Inject
    Refusals refusals;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String address = limits.addresses().of(request.getRemoteAddr(),
                Collections.list(request.getHeaders("X-Forwarded-For")));
        request.setAttribute(ClientAddress.ATTRIBUTE, address);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(STREAM) && "GET".equals(request.getMethod())) {
            stream(request, response, chain, address);
            return;
        }
        if (path.equals(WEBHOOK)) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = limits.acquireApiRequest(address);
        if (retryAfter > 0) {
            refuse(response, Refusals.RATE_LIMITED, address, request,
                    ApiException.tooManyRequests(Refusals.RATE_LIMITED, "Too many requests from this address", retryAfter));
            return;
        }
        if (hasBody(request)) {
            byte[] body = boundedBody(request);
            if (body == null) {
                refuse(response, Refusals.PAYLOAD_TOO_LARGE, address, request, new ApiException(
                        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, Refusals.PAYLOAD_TOO_LARGE,
                        "The body exceeds " + limits.maxBodyBytes() + " bytes"));
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void stream(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String address)
            throws IOException, ServletException {
        if (!limits.streams().take(address)) {
            refuse(response, Refusals.TOO_MANY_STREAMS, address, request, ApiException.tooManyRequests(
                    Refusals.TOO_MANY_STREAMS, "This address holds its maximum of " + limits.streamsPerAddress()
                            + " open streams", STREAM_RETRY_AFTER_SECONDS));
            return;
        }
        // the transport adopts the slot when the stream opens and releases it when the stream ends
        StreamSlot slot = new StreamSlot(() -> limits.streams().giveBack(address));
        slot.attachTo(request);
        try {
            chain.doFilter(request, response);
        } finally {
            if (!slot.isAdopted()) {
                slot.release(); // refused, or not a stream after all
            }
        }
    }

    private void refuse(HttpServletResponse response, String reason, String address, HttpServletRequest request,
                        ApiException refusal) throws IOException {
        refusals.refused(reason, "latest from " + LogText.of(address) + " on " + request.getMethod() + " "
                + LogText.of(request.getRequestURI()));
        if (Refusals.PAYLOAD_TOO_LARGE.equals(reason)) {
            response.setHeader("Connection", "close"); // the rest of the body is not read
        }
        ErrorResponses.send(response, refusal);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The body, or null when it is longer than the limit (known from its length or found reading it). */
    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        int limit = limits.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }

    /** The request with its body read into memory (within the limit). */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            String encoding = getCharacterEncoding();
            if (encoding != null && Charset.isSupported(encoding)) {
                charset = Charset.forName(encoding);
            }
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
