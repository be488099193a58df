package dev.lkdash.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A restart of the dashboard while LiveKit keeps sending loses no event: a sender that behaves as
 * LiveKit's webhook notifier (each event posted on its own; on a refused connection, a timeout or
 * any answer but 200 it tries again after 1, 2, 4 and 8 s, then gives up) posts 20 events a
 * second while the server, with a few thousand events stored, is stopped and started again on the
 * same data and port. Afterwards every event must be in its session's timeline exactly once, and
 * the sender must have given up on none (which needs the server back within the 15 s of retries).
 */
class RestartUnderLoadIT {

    private static final long[] RETRY_DELAYS_SECONDS = {1, 2, 4, 8};
    private static final int RATE_PER_SECOND = 20;
    private static final int PRELOAD_RATE_PER_SECOND = 200;
    /** Sessions of the fixture (18 events each with a room sid) stored before the restart. */
    private static final int PRELOADED_SESSIONS = 120;
    private static final int SECONDS_BEFORE_RESTART = 5;
    private static final int SECONDS_AFTER_RESTART = 5;
    /** The fixture's events that name their room's sid; the ingress ones only name the room. */
    private static final List<String> SESSION_EVENTS = Fixtures.session().stream()
            .map(body -> new String(body, StandardCharsets.UTF_8))
            .filter(body -> body.contains("RM_standup0001")).toList();

    @Test
    void aRestartUnderALiveKitLikeSenderLosesNoEvent() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("LIVEKIT_API_KEY", LiveKitSigner.TEST.apiKey());
        env.put("LIVEKIT_API_SECRET", LiveKitSigner.TEST.apiSecret());
        env.put("DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("restart-under-load"));
        // the fixture's sessions are from January 2026: the default 30 days would prune them
        env.put("DASHBOARD_HISTORY_RETENTION_DAYS", "36500");

        PayaraProcess first = PayaraProcess.start(env, PayaraProcess.logFile("restart-under-load-1"));
        int port = first.base().getPort();
        LiveKitLikeSender livekit = new LiveKitLikeSender(new WebhookSender(new URL(first.base().toString()),
                LiveKitSigner.TEST));
        PayaraProcess second = null;
        try {
            livekit.send(PRELOADED_SESSIONS * SESSION_EVENTS.size(), PRELOAD_RATE_PER_SECOND);
            livekit.awaitSettled(60);
            assertEquals(0, livekit.gaveUp.size(), "before the restart, every event is taken");
            int stored = livekit.delivered.size();

            livekit.send(SECONDS_BEFORE_RESTART * RATE_PER_SECOND, RATE_PER_SECOND);
            livekit.keepSending(RATE_PER_SECOND);
            long stopping = System.nanoTime();
            first.close();
            long stoppedMillis = (System.nanoTime() - stopping) / 1_000_000;
            second = PayaraProcess.start(env, PayaraProcess.logFile("restart-under-load-2"), port);
            long downMillis = (System.nanoTime() - stopping) / 1_000_000;
            livekit.send(SECONDS_AFTER_RESTART * RATE_PER_SECOND, RATE_PER_SECOND);
            livekit.awaitSettled(30);
            String run = String.format("%d events stored before the restart, %d sent in all; the server took %d ms to "
                            + "stop and was down %d ms in all; %d retries, %d events given up",
                    stored, livekit.sent.get(), stoppedMillis, downMillis, livekit.retries.get(), livekit.gaveUp.size());
            System.out.println("RESTART UNDER LOAD: " + run);

            assertTrue(livekit.retries.get() > 0, "the restart was seen by the sender");
            Map<String, Integer> timelines = storedEventIds(new ReadApi(second.base()), livekit.sessions());
            Map<String, Integer> notOnce = new TreeMap<>();
            livekit.delivered.keySet().forEach(id -> {
                int count = timelines.getOrDefault(id, 0);
                if (count != 1) {
                    notOnce.put(id, count);
                }
            });
            assertEquals(Map.of(), notOnce, "events taken but not stored exactly once (id -> times in the timelines; "
                    + run + ")");
            assertTrue(livekit.gaveUp.isEmpty(), "LiveKit gave up on events (" + run + "), e.g. "
                    + livekit.gaveUp.keySet().stream().sorted().limit(5).toList());
        } finally {
            livekit.close();
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** How often each event id appears in the timelines of these sessions (none of whose events was taken: 404). */
    private static Map<String, Integer> storedEventIds(ReadApi api, List<String> sids) {
        Map<String, Integer> counts = new HashMap<>();
        for (String sid : sids) {
            ReadApi.Answer session = api.get("/api/sessions/" + sid);
            if (session.status() == 404) {
                continue;
            }
            assertEquals(200, session.status(), session.body());
            for (JsonObject event : session.asObject().getJsonArray("events").getValuesAs(JsonObject.class)) {
                counts.merge(event.getString("id"), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Posts the fixture session again and again (a new room sid, name and event ids each time) at a
     * fixed rate; every event is delivered on its own with LiveKit's retries.
     */
    private static final class LiveKitLikeSender implements AutoCloseable {

        final WebhookSender endpoint;
        final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
        final Map<String, Boolean> gaveUp = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger pending = new AtomicInteger();
        private int next;
        private ScheduledFuture<?> pacing;

        LiveKitLikeSender(WebhookSender endpoint) {
            this.endpoint = endpoint;
        }

        /** Sends {@code count} more events at {@code rate} a second; returns when the last is posted. */
        void send(int count, int rate) throws InterruptedException {
            keepSending(rate);
            int until = sent.get() + count;
            while (sent.get() < until) {
                Thread.sleep(10);
            }
            pacing.cancel(false);
        }

        /** Sends at {@code rate} a second until the next {@link #send}. */
        synchronized void keepSending(int rate) {
            if (pacing != null) {
                pacing.cancel(false);
            }
            pacing = timer.scheduleAtFixedRate(this::postNext, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        }

        private synchronized void postNext() {
            int number = next++;
            int session = number / SESSION_EVENTS.size();
            String eventId = "EV_r" + session + "e" + number % SESSION_EVENTS.size();
            String body = SESSION_EVENTS.get(number % SESSION_EVENTS.size())
                    .replace("RM_standup0001", "RM_restart" + session)
                    .replace("\"daily-standup\"", "\"restart-" + session + "\"")
                    .replaceAll("\"(PA|TR|EG)_", "\"$1_r" + session)
                    .replaceFirst("\"id\"\\s*:\\s*\"EV_[A-Za-z0-9]+\"", "\"id\":\"" + eventId + "\"");
            sent.incrementAndGet();
            pending.incrementAndGet();
            attempt(eventId, body.getBytes(StandardCharsets.UTF_8), 0);
        }

        private void attempt(String eventId, byte[] body, int retry) {
            endpoint.sendAsync(body).whenComplete((answer, failure) -> {
                if (failure == null && answer.status() == 200) {
                    delivered.put(eventId, true);
                    pending.decrementAndGet();
                } else if (retry < RETRY_DELAYS_SECONDS.length) {
                    retries.incrementAndGet();
                    timer.schedule(() -> attempt(eventId, body, retry + 1), RETRY_DELAYS_SECONDS[retry], TimeUnit.SECONDS);
                } else {
                    gaveUp.put(eventId, true);
                    pending.decrementAndGet();
                }
            });
        }

        /** Waits until every event sent is delivered or given up. */
        void awaitSettled(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, pending.get(), "events still being delivered after " + seconds + " s");
        }

        synchronized List<String> sessions() {
            List<String> sids = new ArrayList<>();
            for (int session = 0; session * SESSION_EVENTS.size() < next; session++) {
                sids.add("RM_restart" + session);
            }
            return sids;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
