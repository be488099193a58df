package dev.lkdash.rooms.boundary;

import dev.lkdash.platform.ApiException;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.rooms.entity.ParticipantView;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The active rooms ({@code docs/api.md}). */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    RoomState state;

    @GET
    public List<RoomSummary> rooms() {
        return state.activeRooms();
    }

    @GET
    @Path("{name}")
    public RoomDetail room(@PathParam("name") String name) {
        return state.activeRoom(name).orElseThrow(() -> noActiveRoom(name));
    }

    @GET
    @Path("{name}/participants")
    public List<ParticipantView> participants(@PathParam("name") String name) {
        return state.activeRoomParticipants(name).orElseThrow(() -> noActiveRoom(name));
    }

    private static ApiException noActiveRoom(String name) {
        return ApiException.notFound("No active room named " + name);
    }
}
