package dev.lkdash.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels;
import livekit.LivekitRoom;

/**
 * A stand-in for LiveKit's RoomService: LiveKit's server cannot be installed on these machines, so
 * this speaks the same protocol the SDK's RoomServiceClient uses (Twirp: POST
 * {@code /twirp/livekit.RoomService/<Method>} with protobuf bodies) and answers from a listing the
 * test sets. It checks that every call carries a bearer token.
 */
public final class TwirpRoomService implements AutoCloseable {

    private final HttpServer server;
    private volatile Map<LivekitModels.Room, List<LivekitModels.ParticipantInfo>> rooms = Map.of();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public TwirpRoomService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        server.createContext("/twirp/livekit.RoomService/", exchange -> {
            String method = exchange.getRequestURI().getPath().substring("/twirp/livekit.RoomService/".length());
            calls.computeIfAbsent(method, ignored -> new AtomicInteger()).incrementAndGet();
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] answer;
            int status = 200;
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                status = 401;
                answer = new byte[0];
            } else if (method.equals("ListRooms")) {
                answer = LivekitRoom.ListRoomsResponse.newBuilder().addAllRooms(rooms.keySet()).build().toByteArray();
            } else if (method.equals("ListParticipants")) {
                String room = LivekitRoom.ListParticipantsRequest.parseFrom(request).getRoom();
                answer = LivekitRoom.ListParticipantsResponse.newBuilder()
                        .addAllParticipants(rooms.entrySet().stream()
                                .filter(entry -> entry.getKey().getName().equals(room))
                                .flatMap(entry -> entry.getValue().stream()).toList())
                        .build().toByteArray();
            } else {
                status = 404;
                answer = new byte[0];
            }
            exchange.getResponseHeaders().set("Content-Type", "application/protobuf");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What LiveKit lists from now on. */
    public void list(Map<LivekitModels.Room, List<LivekitModels.ParticipantInfo>> rooms) {
        this.rooms = Map.copyOf(rooms);
    }

    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
