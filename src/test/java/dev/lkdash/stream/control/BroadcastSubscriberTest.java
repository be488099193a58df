package dev.lkdash.stream.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What a stream of the JAX-RS transport does with what the broadcaster hands it. */
class BroadcastSubscriberTest {

    private final RecordingSink client = new RecordingSink();
    private final Streams streams = new Streams();
    private final BroadcastSubscriber subscriber = new BroadcastSubscriber("c1", client, streams);

    @Test
    void messagesFollowingTheLastOneAreWrittenAndOlderOnesSkipped() {
        subscriber.lastSequence = 5;
        subscriber.send(message(4));
        subscriber.send(message(5));
        subscriber.send(message(6));
        subscriber.send(message(7));
        assertEquals(List.of("run-6", "run-7"), client.ids());
        assertEquals(7, subscriber.lastSequence);
        assertEquals(List.of(6L, 7L), streams.delivered);
    }

    @Test
    void aMessageTheBroadcasterDroppedCutsTheStreamBeforeAnythingAfterItIsWritten() {
        subscriber.lastSequence = 5;
        subscriber.send(message(6));
        assertThrows(IllegalStateException.class, () -> subscriber.send(message(8)));
        assertEquals(List.of("run-6"), client.ids(), "nothing after the hole");
        assertEquals(1, streams.cut);
        assertEquals(6, subscriber.lastSequence, "it resumes after the last one written");
    }

    @Test
    void whileItJoinsDeliveriesWaitForTheReplayThenFollowIt() {
        subscriber.holdDeliveries();
        subscriber.send(message(3));
        subscriber.send(heartbeat());
        subscriber.send(message(4));
        assertTrue(client.events.isEmpty(), "nothing written while the replay is");
        subscriber.write(message(1));
        subscriber.write(message(2));
        subscriber.write(message(3));
        streams.heartbeatDue = true;
        subscriber.releaseDeliveries(3);
        assertEquals(java.util.Arrays.asList("run-1", "run-2", "run-3", null, "run-4"), client.ids());
        subscriber.send(message(5));
        assertEquals("run-5", client.ids().get(5), "then straight through");
    }

    @Test
    void aReplayThatHoldsUpTooManyDeliveriesCutsTheStream() {
        subscriber.holdDeliveries();
        for (int i = 1; i <= BroadcastSubscriber.HOLD_LIMIT; i++) {
            subscriber.send(message(i));
        }
        assertThrows(IllegalStateException.class, () -> subscriber.send(message(BroadcastSubscriber.HOLD_LIMIT + 1)));
        assertEquals(1, streams.cut);
    }

    @Test
    void onceClosedTheBroadcasterIsToldToDropIt() {
        subscriber.markClosed();
        assertThrows(IllegalStateException.class, () -> subscriber.send(message(1)));
        assertTrue(client.ids().isEmpty());
    }

    @Test
    void aHeartbeatIsWrittenOnlyWhenTheStreamIsDue() {
        streams.heartbeatDue = false;
        subscriber.send(heartbeat());
        assertTrue(client.events.isEmpty());
        streams.heartbeatDue = true;
        subscriber.send(heartbeat());
        assertEquals(1, client.events.size());
    }

    @Test
    void aFailedWriteEndsTheStreamAsGone() {
        client.failing = true;
        assertThrows(IllegalStateException.class, () -> subscriber.send(message(1)));
        assertEquals(1, streams.gone);
        assertEquals(0, subscriber.stalledSinceNanos(), "no write is left marked as under way");
    }

    @Test
    void writesARuntimeQueuesAreWaitingUntilTheirStagesComplete() {
        client.pending = true;
        long before = System.nanoTime();
        subscriber.send(message(1));
        subscriber.send(message(2));
        long stalledSince = subscriber.stalledSinceNanos();
        assertTrue(stalledSince >= before, "waiting since the first write that found none unfinished");
        client.stages.get(0).complete(null);
        assertTrue(subscriber.stalledSinceNanos() >= stalledSince, "one completed: the second waits since then");
        client.stages.get(1).complete(null);
        assertEquals(0, subscriber.stalledSinceNanos(), "none waiting");
    }

    @Test
    void aStreamWithTooManyUnfinishedWritesIsCutAsSlow() {
        client.pending = true;
        for (int i = 1; i <= BroadcastSubscriber.HOLD_LIMIT; i++) {
            subscriber.send(message(i));
        }
        assertEquals(0, streams.cut);
        assertThrows(IllegalStateException.class, () -> subscriber.send(message(BroadcastSubscriber.HOLD_LIMIT + 1)));
        assertEquals(1, streams.cut);
        assertEquals(BroadcastSubscriber.HOLD_LIMIT, client.events.size(), "nothing more handed to the runtime");
    }

    private static OutboundSseEvent message(long sequence) {
        return new Event("run-" + sequence);
    }

    private static OutboundSseEvent heartbeat() {
        return new Event(null);
    }

    /** The transport's side, without a server. */
    private static final class Streams extends BroadcastStreams {
        final List<Long> delivered = new ArrayList<>();
        int cut;
        int gone;
        boolean heartbeatDue;

        @Override
        long sequenceOf(OutboundSseEvent event) {
            return Long.parseLong(event.getId().substring("run-".length()));
        }

        @Override
        boolean heartbeatDue(long lastNanos, long nowNanos) {
            return heartbeatDue;
        }

        @Override
        void delivered(long sequence) {
            delivered.add(sequence);
        }

        @Override
        void cut(BroadcastSubscriber subscriber, String why) {
            cut++;
            subscriber.markClosed();
        }

        @Override
        void gone(BroadcastSubscriber subscriber) {
            gone++;
            subscriber.markClosed();
        }
    }

    private static final class RecordingSink implements SseEventSink {
        final List<OutboundSseEvent> events = new ArrayList<>();
        /** The stages of the writes, when they complete only once the test says so (a runtime that queues). */
        final List<CompletableFuture<Void>> stages = new ArrayList<>();
        boolean failing;
        boolean pending;

        List<String> ids() {
            return events.stream().map(OutboundSseEvent::getId).toList();
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (failing) {
                return CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
            }
            events.add(event);
            if (pending) {
                CompletableFuture<Void> stage = new CompletableFuture<>();
                stages.add(stage);
                return stage;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    private record Event(String getId) implements OutboundSseEvent {
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public Type getGenericType() {
            return String.class;
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public String getComment() {
            return null;
        }

        @Override
        public Object getData() {
            return "{}";
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public long getReconnectDelay() {
            return -1;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return false;
        }
    }
}
