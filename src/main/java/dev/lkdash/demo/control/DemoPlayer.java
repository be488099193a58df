package dev.lkdash.demo.control;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Drives {@link DemoTraffic} from a timer: each {@link #tick(Instant)} takes the events now due
 * and delivers them in order. A delivery LiveKit would retry (no connection yet, 429, 5xx) stops
 * the round and is tried again on the next tick, so that a room's events keep their order; one
 * refused outright is dropped. At most {@link #MAX_PENDING} events wait; older ones are dropped.
 * Logging goes through {@code log}, once per change between delivering and failing.
 */
public final class DemoPlayer {

    /** Sends one body; the real one is {@link WebhookPoster#post(String)}. */
    @FunctionalInterface
    public interface Sender {
        WebhookPoster.Delivery send(String body) throws InterruptedException;
    }

    static final int MAX_PENDING = 2_000;

    private final DemoTraffic traffic;
    private final Sender sender;
    private final Consumer<String> log;
    private final Deque<String> pending = new ArrayDeque<>();
    private boolean failing;
    private long delivered;
    private long refused;

    public DemoPlayer(DemoTraffic traffic, Sender sender, Consumer<String> log) {
        this.traffic = traffic;
        this.sender = sender;
        this.log = log;
    }

    /** Delivers what is due by {@code now}; answers how many were delivered in this round. */
    public int tick(Instant now) throws InterruptedException {
        pending.addAll(traffic.due(now));
        int dropped = 0;
        while (pending.size() > MAX_PENDING) {
            pending.removeFirst();
            dropped++;
        }
        if (dropped > 0) {
            log.accept("Demo traffic: " + dropped + " events dropped (the webhook endpoint was unreachable too long)");
        }
        int sent = 0;
        while (!pending.isEmpty()) {
            WebhookPoster.Delivery delivery = sender.send(pending.peekFirst());
            if (delivery.outcome() == WebhookPoster.Outcome.RETRY) {
                if (!failing) {
                    failing = true;
                    log.accept("Demo traffic: webhook not delivered (" + describe(delivery) + "); "
                            + pending.size() + " events wait for the next try");
                }
                return sent;
            }
            pending.removeFirst();
            if (delivery.outcome() == WebhookPoster.Outcome.REFUSED) {
                if (refused++ % 100 == 0) {
                    log.accept("Demo traffic: webhook refused (" + describe(delivery) + "); " + refused
                            + " refused so far: check dashboard.demo.url and the API key and secret");
                }
            } else {
                sent++;
                delivered++;
                if (failing) {
                    failing = false;
                    log.accept("Demo traffic: webhooks delivered again");
                }
            }
        }
        return sent;
    }

    /**
     * Ends the demo: every room it started finishes now, so that no simulated room stays live.
     * What is still pending is dropped; each ending is sent once, a failure only logged.
     *
     * @return how many endings were delivered
     */
    public int finish(Instant now) throws InterruptedException {
        pending.clear();
        int sent = 0;
        for (WebhookEvent ending : traffic.finishAll(now)) {
            WebhookPoster.Delivery delivery = sender.send(DemoTraffic.json(ending));
            if (delivery.outcome() == WebhookPoster.Outcome.DELIVERED) {
                sent++;
            } else {
                log.accept("Demo traffic: the end of a room was not delivered (" + describe(delivery) + ")");
            }
        }
        return sent;
    }

    public int pending() {
        return pending.size();
    }

    public long delivered() {
        return delivered;
    }

    private static String describe(WebhookPoster.Delivery delivery) {
        String detail = delivery.detail() == null ? "" : delivery.detail();
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        return delivery.status() == 0 ? detail : "HTTP " + delivery.status() + " " + detail;
    }
}
