package dev.lkdash.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.lkdash.rooms.entity.ProjectedEvent;

/** Concurrent webhook requests, with retries racing their originals, and concurrent readers. */
class ConcurrencyTest {

    @Test
    void concurrentApplyReachesTheSequentialState() throws Exception {
        Generator g = Generator.generate(4242);
        ProjectionSnapshot expected = RoomProjection.rebuild(g.events, FixtureSessionTest.CLOCK).snapshot();
        List<ProjectedEvent> delivery = Deliveries.anyOrder(g.events, new Random(1), 0.5);
        RoomProjection projection = new RoomProjection(FixtureSessionTest.CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int i = worker; i < delivery.size(); i += 4) {
                        projection.apply(delivery.get(i));
                        if (i % 10 == 0) {
                            projection.activeRooms();
                            projection.sessions();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(g.events.size(), projection.eventCount());
        Snapshots.assertSame(expected, projection.snapshot(), "concurrent");
    }
}
