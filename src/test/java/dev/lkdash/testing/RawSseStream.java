package dev.lkdash.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/events} over a plain socket whose receive buffer is small, read only when the
 * test says so: a client that can stop reading, so that the server's writes to it stop fitting.
 * Decodes the chunked body and hands out whole SSE frames.
 */
public final class RawSseStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final int status;
    private boolean chunked;
    private long chunkLeft;
    private boolean ended;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private RawSseStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        String statusLine = readHeadLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        String header;
        while (!(header = readHeadLine()).isEmpty()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
    }

    /** Opens the stream signed in as the test administrator; the answer's head is read. */
    public static RawSseStream open(URL base) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            String cookie = TestLogin.cookie(java.net.URI.create(base.toString()))
                    .map(value -> "Cookie: " + value + "\r\n").orElse("");
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nAccept: text/event-stream\r\n" + cookie + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new RawSseStream(socket);
        } catch (IOException | RuntimeException failed) {
            socket.close();
            throw failed;
        }
    }

    public int status() {
        return status;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    /**
     * The next frame's lines (comments included), or null when the stream ended or the frame did
     * not come in time (the stream is then not to be read again: a frame may have come in part).
     */
    public List<String> nextFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        List<String> frame = new ArrayList<>();
        try {
            String text;
            while ((text = readBodyLine()) != null) {
                if (text.isEmpty()) {
                    if (!frame.isEmpty()) {
                        return frame;
                    }
                } else {
                    frame.add(text);
                }
            }
            return null;
        } catch (SocketTimeoutException late) {
            return null;
        }
    }

    /** The {@code id:} of a frame, or null. */
    public static String idOf(List<String> frame) {
        return frame.stream().filter(text -> text.startsWith("id: ")).map(text -> text.substring(4)).findFirst().orElse(null);
    }

    private String readHeadLine() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the answer ended in its head");
            }
            if (b != '\r') {
                head.write(b);
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private String readBodyLine() throws IOException {
        int b;
        while ((b = readBody()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text;
    }

    private int readBody() throws IOException {
        if (!chunked) {
            return in.read();
        }
        if (ended) {
            return -1;
        }
        if (chunkLeft == 0) {
            String size = readHeadLine();
            if (size.isEmpty()) { // the CRLF after the previous chunk's data
                size = readHeadLine();
            }
            chunkLeft = Long.parseLong(size.split(";")[0].trim(), 16);
            if (chunkLeft == 0) {
                ended = true;
                return -1;
            }
        }
        int b = in.read();
        if (b >= 0) {
            chunkLeft--;
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
