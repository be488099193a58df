package dev.lkdash.rooms.control;

import dev.lkdash.rooms.entity.ProjectedEvent;
import dev.lkdash.rooms.entity.ProjectionUpdate;
import dev.lkdash.rooms.entity.RoomDetail;
import dev.lkdash.rooms.entity.RoomSummary;
import dev.lkdash.sessions.entity.SessionDetail;
import dev.lkdash.sessions.entity.SessionSummary;
import java.util.List;
import java.util.Optional;

/** The room state as the delivery tests see it: the in-memory projection, or the stored state. */
interface StateUnderTest {

    /** Applies (records) the event; a duplicate says so. */
    ProjectionUpdate apply(ProjectedEvent event);

    long eventCount();

    List<RoomSummary> activeRooms();

    Optional<RoomDetail> activeRoom(String name);

    List<SessionSummary> sessions();

    Optional<SessionDetail> session(String sid);

    ProjectionSnapshot snapshot();

    static StateUnderTest of(RoomProjection projection) {
        return new StateUnderTest() {
            @Override
            public ProjectionUpdate apply(ProjectedEvent event) {
                return projection.apply(event);
            }

            @Override
            public long eventCount() {
                return projection.eventCount();
            }

            @Override
            public List<RoomSummary> activeRooms() {
                return projection.activeRooms();
            }

            @Override
            public Optional<RoomDetail> activeRoom(String name) {
                return projection.activeRoom(name);
            }

            @Override
            public List<SessionSummary> sessions() {
                return projection.sessions();
            }

            @Override
            public Optional<SessionDetail> session(String sid) {
                return projection.session(sid);
            }

            @Override
            public ProjectionSnapshot snapshot() {
                return projection.snapshot();
            }
        };
    }

    /**
     * The stored state. The application answers a duplicate without deriving anything: here it is
     * reported as a duplicate with the live summary of the room it names, as the projection does.
     */
    static StateUnderTest of(StoredProjection stored) {
        return new StateUnderTest() {
            @Override
            public ProjectionUpdate apply(ProjectedEvent event) {
                ProjectionUpdate update = stored.apply(event);
                if (update != null) {
                    return update;
                }
                String sid = event.event().getRoom().getSid();
                return new ProjectionUpdate(event.eventId(), true, sid, null, false, stored.state().activeRooms()
                        .stream().filter(room -> room.sid().equals(sid)).findFirst().orElse(null));
            }

            @Override
            public long eventCount() {
                return stored.eventCount();
            }

            @Override
            public List<RoomSummary> activeRooms() {
                return stored.state().activeRooms();
            }

            @Override
            public Optional<RoomDetail> activeRoom(String name) {
                return stored.state().activeRoom(name);
            }

            @Override
            public List<SessionSummary> sessions() {
                return stored.snapshot().sessions().stream().map(SessionDetail::summary).toList();
            }

            @Override
            public Optional<SessionDetail> session(String sid) {
                return stored.snapshot().sessions().stream().filter(s -> s.sid().equals(sid)).findFirst();
            }

            @Override
            public ProjectionSnapshot snapshot() {
                return stored.snapshot();
            }
        };
    }
}
