package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.lkdash.rooms.entity.ProjectedEvent;

/**
 * The core requirement: the same set of events, delivered in any order LiveKit can produce (and
 * in any order at all), with duplicates, gives the same live state and history as the in-memory
 * projection of the set. Each subclass checks one way of keeping the state.
 */
abstract class ConvergenceCases {

    static final AtomicInteger ORDERS = new AtomicInteger();

    @AfterAll
    static void report() {
        System.out.println("Convergence: " + ORDERS.get() + " shuffled delivery orders checked so far");
    }

    /** Delivers the events in this order and takes the resulting snapshot. */
    abstract ProjectionSnapshot deliver(List<ProjectedEvent> delivery, int distinct);

    ProjectionSnapshot project(List<ProjectedEvent> delivery, int distinct) {
        ProjectionSnapshot snapshot = deliver(delivery, distinct);
        ORDERS.incrementAndGet();
        return snapshot;
    }

    @Test
    void fixtureSessionInLiveKitOrders() {
        List<ProjectedEvent> events = Events.fixtureSession();
        ProjectionSnapshot reference = RoomProjection.rebuild(events, FixtureSessionTest.CLOCK).snapshot();
        assertEquals(1, reference.sessions().size());
        int reordered = 0;
        for (long seed = 0; seed < 1000; seed++) {
            List<ProjectedEvent> delivery = Deliveries.liveKitOrder(events, Deliveries::fixtureQueue,
                    new Random(seed), 0.2);
            if (!delivery.stream().map(ProjectedEvent::eventId).distinct().toList()
                    .equals(events.stream().map(ProjectedEvent::eventId).toList())) {
                reordered++;
            }
            Snapshots.assertSame(reference, project(delivery, events.size()), "seed " + seed);
        }
        assertTrue(reordered > 900, "the orders really differ from the file's: " + reordered);
    }

    @Test
    void fixtureSessionInAnyOrder() {
        List<ProjectedEvent> events = Events.fixtureSession();
        ProjectionSnapshot reference = RoomProjection.rebuild(events, FixtureSessionTest.CLOCK).snapshot();
        for (long seed = 0; seed < 1000; seed++) {
            List<ProjectedEvent> delivery = Deliveries.anyOrder(events, new Random(seed), 0.3);
            Snapshots.assertSame(reference, project(delivery, events.size()), "seed " + seed);
        }
    }

    @Test
    void everyPrefixOfTheFixtureConvergesToo() {
        // the intermediate state is also order-independent: any order of the first k events
        List<ProjectedEvent> events = Events.fixtureSession();
        for (int k = 1; k <= events.size(); k++) {
            List<ProjectedEvent> prefix = events.subList(0, k);
            ProjectionSnapshot reference = RoomProjection.rebuild(prefix, FixtureSessionTest.CLOCK).snapshot();
            for (long seed = 0; seed < 20; seed++) {
                Snapshots.assertSame(reference, project(Deliveries.anyOrder(prefix, new Random(seed * 31 + k), 0.3), k),
                        "prefix " + k + " seed " + seed);
            }
        }
    }

    @Test
    void generatedTrafficConvergesUnderLiveKitOrders() {
        int events = 0;
        for (long seed = 0; seed < 60; seed++) {
            Generator g = Generator.generate(seed);
            events += g.events.size();
            ProjectionSnapshot reference = RoomProjection.rebuild(g.events, FixtureSessionTest.CLOCK).snapshot();
            for (int run = 0; run < 25; run++) {
                Random random = new Random(seed * 1000 + run);
                List<ProjectedEvent> delivery = Deliveries.liveKitOrder(g.events,
                        e -> g.queueOf.get(e.eventId()), random, 0.15);
                Snapshots.assertSame(reference, project(delivery, g.events.size()), "seed " + seed + " run " + run);
            }
        }
        assertTrue(events > 60 * 30, "generated traffic is not trivial: " + events + " events");
    }

    @Test
    void generatedTrafficConvergesInAnyOrder() {
        for (long seed = 0; seed < 60; seed++) {
            Generator g = Generator.generate(seed);
            ProjectionSnapshot reference = RoomProjection.rebuild(g.events, FixtureSessionTest.CLOCK).snapshot();
            for (int run = 0; run < 15; run++) {
                List<ProjectedEvent> delivery = Deliveries.anyOrder(g.events, new Random(seed * 7919 + run), 0.2);
                Snapshots.assertSame(reference, project(delivery, g.events.size()), "seed " + seed + " run " + run);
            }
        }
    }
}
