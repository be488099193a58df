package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.lkdash.sessions.entity.AgentJobView;
import dev.lkdash.rooms.entity.ProjectedEvent;

class WebhookEventsTest {

    static final String JOB_STARTED = """
            {"event":"agent_job_started","id":"EV_job1","createdAt":"1767261606",
             "job":{"id":"AJ_abc","dispatchId":"AD_1","type":"JT_ROOM","agentName":"transcriber",
                    "room":{"sid":"RM_standup0001","name":"daily-standup","creationTime":"1767261600"},
                    "state":{"status":"JS_RUNNING","startedAt":"1767261606000000000",
                             "participantIdentity":"agent-transcriber"}},
             "someFutureField":{"x":1}}
            """;

    @Test
    void theJobIsParsedBesideTheWebhookEvent() throws InvalidProtocolBufferException {
        ProjectedEvent event = WebhookEvents.parse(JOB_STARTED, null, Events.RECEIVED);
        assertEquals("EV_job1", event.eventId());
        assertEquals("agent_job_started", event.name());
        assertEquals(1767261606_000L, event.createdAtMillis());
        assertEquals("AJ_abc", event.job().getId());
        assertEquals("RM_standup0001", event.job().getRoom().getSid());
        assertEquals(1767261606000000000L, event.job().getState().getStartedAt());

        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        projection.apply(event);
        assertEquals(List.of(new AgentJobView("AJ_abc", "JT_ROOM", "transcriber", "RM_standup0001", "daily-standup",
                "agent-transcriber", "JS_RUNNING", true, 1767261606_000L, null, null)),
                projection.session("RM_standup0001").orElseThrow().agentJobs());
    }

    @Test
    void otherEventsHaveNoJobAndAnIdCanBeSupplied() throws InvalidProtocolBufferException {
        ProjectedEvent event = WebhookEvents.parse(Events.resource("room_started.json"), null, Events.RECEIVED);
        assertNull(event.job());
        assertEquals("EV_fixture0001", event.eventId());
        String noId = "{\"event\":\"room_started\",\"room\":{\"sid\":\"RM_1\",\"name\":\"n\"}}";
        assertEquals("sha256:abc", WebhookEvents.parse(noId, "sha256:abc", Events.RECEIVED).eventId());
        assertThrows(IllegalArgumentException.class, () -> WebhookEvents.parse(noId, null, Events.RECEIVED));
        assertThrows(InvalidProtocolBufferException.class,
                () -> WebhookEvents.parse("{\"event\":", null, Events.RECEIVED));
    }
}
