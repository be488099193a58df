package dev.lkdash.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.Events;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.SseTestClient.Frame;
import dev.lkdash.testing.TestDatabase;
import dev.lkdash.testing.WebhookSender;
import jakarta.json.JsonArray;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two Payara Micro instances with {@code dashboard.bus=redis} on the machine's Redis
 * (127.0.0.1:6379, a stream key of this run's, deleted after) and one PostgreSQL schema of this
 * run's (dropped after): webhooks sent to either reach the streams of both, once, in one order,
 * with the same ids; a retry on the other instance is a duplicate; a client resumes on the other
 * instance with exactly what it missed; a room session whose webhooks alternate between the
 * instances shows the same state on both once each message was delivered.
 */
class RedisBusIT {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String STREAM = "lkdash-it:" + RUN;
    private static final String SCHEMA = "lkdash_bus_" + RUN;

    private static PayaraProcess first;
    private static PayaraProcess second;
    private static WebhookSender toFirst;
    private static WebhookSender toSecond;
    private static int nextRoom;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        TestDatabase.requirePostgres();
        try (Jedis redis = new Jedis(URI.create(REDIS))) {
            redis.ping();
        } catch (RuntimeException absent) {
            // .ci/run starts one and fails when it does not answer, so CI never skips this
            Assumptions.abort("skipped: no Redis answers at " + REDIS + ": " + absent.getMessage());
        }
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        first = PayaraProcess.start(environment("a"), PayaraProcess.logFile("redis-bus-a"));
        second = PayaraProcess.start(environment("b"), PayaraProcess.logFile("redis-bus-b"));
        toFirst = new WebhookSender(first.url(), LiveKitSigner.TEST);
        toSecond = new WebhookSender(second.url(), LiveKitSigner.TEST);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (second != null) {
                second.close();
            }
            if (first != null) {
                first.close();
            }
        } finally {
            try (Jedis redis = new Jedis(URI.create(REDIS))) {
                redis.del(STREAM);
            }
            try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    void webhooksAlternatingBetweenInstancesReachBothStreamsOnceInOneOrder() throws Exception {
        int count = 100;
        try (SseTestClient onFirst = SseTestClient.open(first.url());
             SseTestClient onSecond = SseTestClient.open(second.url())) {
            assertEquals("connected", onFirst.nextMessage(WAIT).json().getString("event"));
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            Map<String, String> answered = new LinkedHashMap<>();
            List<Frame> seenByFirst = new ArrayList<>();
            List<Frame> seenBySecond = new ArrayList<>();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String webhookId = "EV_alt" + RUN + i;
                long sentAt = System.nanoTime();
                answered.put(webhookId, accept(i % 2 == 0 ? toFirst : toSecond, webhookId));
                Frame onOne = onFirst.nextMessage(WAIT);
                Frame onOther = onSecond.nextMessage(WAIT);
                seenByFirst.add(onOne);
                seenBySecond.add(onOther);
                micros.add((Math.max(onOne.arrivedNanos(), onOther.arrivedNanos()) - sentAt) / 1000);
            }

            List<String> ids = ids(seenByFirst);
            assertEquals(ids, ids(seenBySecond), "one order, the same ids, on both instances");
            assertEquals(count, new HashSet<>(ids).size(), "each message once");
            assertEquals(List.copyOf(answered.values()), ids, "in the order the webhooks were accepted, with the ids they were answered");
            for (Frame frame : seenByFirst) {
                assertEquals(frame.id(), frame.json().getString("id"), "the id: line is the message's id");
            }
            assertEquals(List.copyOf(answered.keySet()), seenBySecond.stream()
                    .map(f -> f.json().getJsonObject("metadata").getString("webhookId")).toList());
            assertTrue(onFirst.messagesWithin(Duration.ofSeconds(1)).isEmpty(), "nothing more on the first");
            assertTrue(onSecond.messagesWithin(Duration.ofMillis(100)).isEmpty(), "nothing more on the second");
            Collections.sort(micros);
            System.out.printf(Locale.ROOT, "REDIS BUS: %d webhooks one at a time, alternating between two instances: "
                    + "sent -> on both streams p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", count,
                    micros.get(count / 2) / 1000.0, micros.get(count * 99 / 100) / 1000.0, micros.get(count - 1) / 1000.0);
        }
    }

    @Test
    void aRoomSessionAlternatingBetweenInstancesShowsOneStateOnBoth() throws Exception {
        List<byte[]> session = Fixtures.session();
        ReadApi onFirstApi = new ReadApi(first.base());
        ReadApi onSecondApi = new ReadApi(second.base());
        try (SseTestClient onFirst = SseTestClient.open(first.url());
             SseTestClient onSecond = SseTestClient.open(second.url())) {
            assertEquals("connected", onFirst.nextMessage(WAIT).json().getString("event"));
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            boolean wasLive = false;
            for (int i = 0; i < session.size(); i++) {
                WebhookSender.Answer answer = (i % 2 == 0 ? toFirst : toSecond).send(session.get(i));
                assertEquals(200, answer.status(), answer.body());
                String id = answer.json().getString("id");
                assertEquals(id, onFirst.nextMessage(WAIT).id());
                assertEquals(id, onSecond.nextMessage(WAIT).id());
                JsonArray rooms = onFirstApi.array("/api/rooms");
                assertEquals(rooms, onSecondApi.array("/api/rooms"), "once delivered, both agree (event " + i + ")");
                wasLive |= rooms.stream().anyMatch(room -> "daily-standup".equals(room.asJsonObject().getString("name")));
            }
            assertTrue(wasLive, "the session's room was live on both");
            assertEquals(onFirstApi.object("/api/sessions/RM_standup0001"), onSecondApi.object("/api/sessions/RM_standup0001"));
        }
    }

    /**
     * Through nginx with the shipped configuration (its upstream pointed at the two instances):
     * webhooks sent to nginx, spread over both instances, reach a stream opened through nginx and
     * the streams opened on each instance, each once and in one order. Skipped without nginx
     * ({@code .ci/run} installs it).
     */
    @Test
    void throughNginxEveryStreamGetsEveryMessageOnce() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "skipped: nginx is not installed");
        int port = PayaraProcess.freePort();
        Path dir = Files.createTempDirectory("lkdash-nginx");
        Files.writeString(dir.resolve("site.conf"), Files.readString(Path.of("server-config/nginx/lkdash.conf"))
                .replace("server 127.0.0.1:8080", "server 127.0.0.1:" + first.base().getPort())
                .replace("server 127.0.0.1:8081", "server 127.0.0.1:" + second.base().getPort())
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";"));
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "pid " + dir.resolve("nginx.pid") + ";", "error_log " + dir.resolve("error.log") + ";",
                "events { worker_connections 1024; }", "http {", "access_log off;",
                "client_body_temp_path " + dir.resolve("body") + ";", "proxy_temp_path " + dir.resolve("proxy") + ";",
                "fastcgi_temp_path " + dir.resolve("fastcgi") + ";", "uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                "scgi_temp_path " + dir.resolve("scgi") + ";", "include " + dir.resolve("site.conf") + ";", "}", ""));
        Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try {
            URL proxy = new URL("http://127.0.0.1:" + port + "/");
            awaitListening(port, nginx);
            WebhookSender toProxy = new WebhookSender(proxy, LiveKitSigner.TEST);
            try (SseTestClient throughProxy = SseTestClient.open(proxy);
                 SseTestClient onFirst = SseTestClient.open(first.url());
                 SseTestClient onSecond = SseTestClient.open(second.url())) {
                for (SseTestClient client : List.of(throughProxy, onFirst, onSecond)) {
                    assertEquals("connected", client.nextMessage(WAIT).json().getString("event"));
                }
                int count = 20;
                List<String> answered = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    answered.add(accept(toProxy, "EV_nginx" + RUN + i));
                }
                for (SseTestClient client : List.of(throughProxy, onFirst, onSecond)) {
                    assertEquals(answered, ids(messages(client, count)), "each once, in the order accepted");
                    assertTrue(client.messagesWithin(Duration.ofMillis(500)).isEmpty(), "nothing more");
                }
            }
        } finally {
            nginx.destroy();
            nginx.waitFor();
            RedisFaultIT.deleteTree(dir);
        }
    }

    private static void awaitListening(int port, Process nginx) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            assertTrue(nginx.isAlive(), "nginx exited");
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not listen on " + port);
    }

    @Test
    void aRetryOnTheOtherInstanceIsADuplicate() throws Exception {
        try (SseTestClient onSecond = SseTestClient.open(second.url())) {
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            String webhookId = "EV_retry" + RUN;
            byte[] body = room(webhookId);
            WebhookSender.Answer original = toFirst.send(body);
            assertEquals(200, original.status());
            String id = original.json().getString("id");
            WebhookSender.Answer retry = toSecond.send(body);
            assertEquals(200, retry.status());
            assertEquals("duplicate", retry.json().getString("status"), retry.body());
            assertEquals(id, onSecond.nextMessage(WAIT).id());
            assertTrue(onSecond.messagesWithin(Duration.ofSeconds(1)).isEmpty(), "broadcast once");
            assertEquals("duplicate", toFirst.send(body).json().getString("status"), "and on the first as well");
        }
    }

    @Test
    void aClientResumesOnTheOtherInstanceWithExactlyWhatItMissed() throws Exception {
        String lastSeen;
        try (SseTestClient onFirst = SseTestClient.open(first.url())) {
            assertEquals("connected", onFirst.nextMessage(WAIT).json().getString("event"));
            for (int i = 0; i < 3; i++) {
                accept(toFirst, "EV_seen" + RUN + i);
            }
            lastSeen = messages(onFirst, 3).get(2).id();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            missed.add(accept(i % 2 == 0 ? toFirst : toSecond, "EV_missed" + RUN + i));
        }
        try (SseTestClient onSecond = SseTestClient.open(second.url(), lastSeen)) {
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            assertEquals(missed, ids(messages(onSecond, missed.size())), "the missed messages, in order");
            String live = accept(toFirst, "EV_live" + RUN);
            assertEquals(live, onSecond.nextMessage(WAIT).id(), "then live ones, with no repeat");
            assertTrue(onSecond.messagesWithin(Duration.ofSeconds(1)).isEmpty());
        }
    }

    @Test
    void anIdTheStreamNoLongerHoldsIsAResync() throws Exception {
        try (SseTestClient onSecond = SseTestClient.open(second.url(), "1-0")) {
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            assertEquals("resync", onSecond.nextMessage(WAIT).json().getString("event"));
        }
    }

    private static String accept(WebhookSender sender, String webhookId) {
        WebhookSender.Answer answer = sender.send(room(webhookId));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("ok", answer.json().getString("status"), answer.body());
        return answer.json().getString("id");
    }

    /** A room_started of a room of its own. */
    private static byte[] room(String webhookId) {
        int room = ++nextRoom;
        return Events.roomStarted(webhookId, "RM_" + RUN + room, "bus-" + RUN + "-" + room, System.currentTimeMillis() / 1000);
    }

    private static List<Frame> messages(SseTestClient client, int count) throws InterruptedException {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(client.nextMessage(WAIT));
        }
        return frames;
    }

    private static List<String> ids(List<Frame> frames) {
        return frames.stream().map(Frame::id).toList();
    }

    private static Map<String, String> environment(String instance) {
        return PayaraProcess.redisBusInstance("redis-bus-" + instance, SCHEMA, REDIS, STREAM);
    }
}
