package dev.lkdash.reconciliation.control;

import dev.lkdash.reconciliation.entity.LiveKitListing;
import io.livekit.server.RoomServiceClient;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import livekit.LivekitModels;
import retrofit2.Response;

/** Lists rooms and their participants with the LiveKit SDK's RoomService client (Twirp, protobuf). */
public final class RoomServiceLister {

    private final RoomServiceClient client;

    public RoomServiceLister(String livekitUrl, String apiKey, String apiSecret) {
        this.client = RoomServiceClient.createClient(httpUrl(livekitUrl), apiKey, apiSecret);
    }

    /** @throws IOException when LiveKit cannot be reached or refuses */
    public LiveKitListing list() throws IOException {
        long listedAt = System.currentTimeMillis();
        List<LivekitModels.Room> rooms = body(client.listRooms().execute(), "ListRooms");
        Map<String, List<LivekitModels.ParticipantInfo>> participants = new LinkedHashMap<>();
        for (LivekitModels.Room room : rooms) {
            participants.put(room.getName(), body(client.listParticipants(room.getName()).execute(), "ListParticipants"));
        }
        return new LiveKitListing(listedAt, rooms, participants);
    }

    private static <T> T body(Response<T> response, String call) throws IOException {
        if (!response.isSuccessful() || response.body() == null) {
            throw new IOException("RoomService " + call + " answered " + response.code());
        }
        return response.body();
    }

    /** LiveKit URLs are often given as the ws(s):// address clients use; RoomService is http(s). */
    static String httpUrl(String livekitUrl) {
        String url = livekitUrl.strip();
        if (url.startsWith("ws://")) {
            return "http://" + url.substring("ws://".length());
        }
        if (url.startsWith("wss://")) {
            return "https://" + url.substring("wss://".length());
        }
        return url;
    }
}
