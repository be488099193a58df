package dev.lkdash.events.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.events.entity.DashboardMessage;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MessageJournalTest {

    private final MessageJournal journal = new MessageJournal(5);

    @Test
    void numbersMessagesInAcceptanceOrderAndPutsTheIdFirst() {
        DashboardMessage first = publish("room_started");
        DashboardMessage second = publish("participant_joined");
        assertEquals(1, first.sequence());
        assertEquals(2, second.sequence());
        assertTrue(first.json().startsWith("{\"id\":\"" + first.id() + "\",\"type\":"), first.json());
        assertEquals(2, journal.head());
    }

    @Test
    void resumesAfterAHeldId() {
        DashboardMessage first = publish("a");
        publish("b");
        publish("c");
        OptionalLong resume = journal.resumePoint(first.id());
        assertEquals(OptionalLong.of(1), resume);
        assertEquals(List.of("b", "c"), List.of(journal.at(2).event(), journal.at(3).event()));
    }

    @Test
    void resumesAfterTheNewestIdWithNothingToReplay() {
        publish("a");
        DashboardMessage newest = publish("b");
        OptionalLong resume = journal.resumePoint(newest.id());
        assertEquals(OptionalLong.of(2), resume);
        assertNull(journal.at(3), "nothing after the newest");
    }

    @Test
    void refusesUnknownIds() {
        DashboardMessage message = publish("a");
        assertEquals(OptionalLong.empty(), journal.resumePoint("EV_abc"));
        assertEquals(OptionalLong.empty(), journal.resumePoint("garbage-x"));
        assertEquals(OptionalLong.empty(), journal.resumePoint("0-1"), "another run's id");
        String future = message.id().replace("-1", "-9");
        assertEquals(OptionalLong.empty(), journal.resumePoint(future), "an id not issued yet");
    }

    @Test
    void refusesIdsWhoseFollowersAreNoLongerHeld() {
        DashboardMessage first = publish("1");
        DashboardMessage second = publish("2");
        for (int i = 3; i <= 7; i++) {
            publish(Integer.toString(i));
        }
        assertEquals(OptionalLong.empty(), journal.resumePoint(first.id()), "message 2 was overwritten");
        assertEquals(OptionalLong.of(2), journal.resumePoint(second.id()), "messages 3 to 7 are held");
        assertNull(journal.at(2), "overwritten");
        for (long sequence = 3; sequence <= 7; sequence++) {
            assertEquals(sequence, journal.at(sequence).sequence());
        }
    }

    @Test
    void aClientOfAnEarlierRunPicksUpThisRunFromItsStartWhileAllOfItIsHeld() {
        DashboardMessage first = publish("a");
        assertEquals(OptionalLong.of(0), journal.runStartFor("0-17"), "an earlier run's id");
        assertEquals(OptionalLong.empty(), journal.runStartFor(first.id()), "this run's ids resume or resync");
        for (int i = 0; i < 5; i++) {
            publish("more");
        }
        assertEquals(OptionalLong.empty(), journal.runStartFor("0-17"), "this run's first message is gone");
    }

    @Test
    void refusesMessagesOnceClosed() {
        journal.close();
        assertThrows(IllegalStateException.class, () -> publish("a"));
    }

    private DashboardMessage publish(String event) {
        String id = journal.publish(event, 0, "{\"type\":\"livekit\",\"event\":\"" + event + "\"}");
        DashboardMessage message = journal.at(journal.head());
        assertEquals(id, message.id());
        return message;
    }
}
