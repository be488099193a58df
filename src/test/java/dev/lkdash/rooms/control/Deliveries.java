package dev.lkdash.rooms.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.lkdash.rooms.entity.ProjectedEvent;

/** Delivery orders LiveKit can produce, and orders it cannot. */
final class Deliveries {

    private Deliveries() {
    }

    /**
     * LiveKit's guarantees only: FIFO within each queue, queues interleaved at random; then
     * retries: copies of random events delivered again at a random later point. Receipt times
     * follow the delivery order (they must not matter).
     */
    static List<ProjectedEvent> liveKitOrder(List<ProjectedEvent> events, Function<ProjectedEvent, String> queue,
                                             Random random, double duplicateRate) {
        Map<String, Deque<ProjectedEvent>> queues = new LinkedHashMap<>();
        for (ProjectedEvent e : events) {
            queues.computeIfAbsent(queue.apply(e), q -> new ArrayDeque<>()).add(e);
        }
        List<Deque<ProjectedEvent>> open = new ArrayList<>(queues.values());
        List<ProjectedEvent> out = new ArrayList<>();
        while (!open.isEmpty()) {
            // pick a queue with probability proportional to what it still holds: thorough mixing
            int remaining = open.stream().mapToInt(Deque::size).sum();
            int pick = random.nextInt(remaining);
            for (int i = 0; i < open.size(); i++) {
                if (pick < open.get(i).size()) {
                    out.add(open.get(i).poll());
                    if (open.get(i).isEmpty()) {
                        open.remove(i);
                    }
                    break;
                }
                pick -= open.get(i).size();
            }
        }
        int originals = out.size();
        for (int i = 0; i < originals; i++) {
            if (random.nextDouble() < duplicateRate) {
                int original = out.indexOf(events.get(random.nextInt(events.size())));
                int at = original + 1 + random.nextInt(out.size() - original);
                out.add(at, out.get(original));
            }
        }
        return stamp(out);
    }

    /** Any order at all, duplicates anywhere (also before the original copy). */
    static List<ProjectedEvent> anyOrder(List<ProjectedEvent> events, Random random, double duplicateRate) {
        List<ProjectedEvent> out = new ArrayList<>(events);
        for (ProjectedEvent e : events) {
            if (random.nextDouble() < duplicateRate) {
                out.add(e);
            }
        }
        Collections.shuffle(out, random);
        return stamp(out);
    }

    private static List<ProjectedEvent> stamp(List<ProjectedEvent> events) {
        List<ProjectedEvent> out = new ArrayList<>();
        Instant t = Events.RECEIVED;
        for (ProjectedEvent e : events) {
            t = t.plusMillis(7);
            out.add(Events.redelivered(e, t));
        }
        return out;
    }

    /** LiveKit's queues for the recorded fixture: the room, egress and ingress. */
    static String fixtureQueue(ProjectedEvent e) {
        String name = e.name();
        return name.startsWith("egress_") ? "egress" : name.startsWith("ingress_") ? "ingress" : "room";
    }
}
