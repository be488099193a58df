package dev.lkdash.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.Events;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.SseTestClient.Frame;
import dev.lkdash.testing.TestDatabase;
import dev.lkdash.testing.WebhookSender;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * Faults under {@code dashboard.bus=redis}: two Payara Micro instances on a Redis this test starts
 * itself (Debian's {@code redis-server}, append-only file on, so a restart keeps the stream) and
 * one PostgreSQL schema of this run's. Webhooks are sent as LiveKit does (retried on 503 and on
 * connection errors, 1, 2, 4, 8 s apart), each retry to the other instance, as a balancer may.
 * Redis restarted while webhooks flow, then one instance killed: every client ends with every
 * accepted event exactly once, in one order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFaultIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String SCHEMA = "lkdash_fault_" + RUN;
    private static final long[] LIVEKIT_BACKOFF_MS = {1000, 2000, 4000, 8000};

    private static Path redisDir;
    private static int redisPort;
    private static Process redis;
    private static PayaraProcess first;
    private static PayaraProcess second;
    private static final AtomicInteger rooms = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.requirePostgres();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")),
                "skipped: redis-server is not installed (.ci/run installs it)");
        redisDir = Files.createTempDirectory("lkdash-redis");
        redisPort = PayaraProcess.freePort();
        redis = startRedis();
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        first = PayaraProcess.start(environment("a"), PayaraProcess.logFile("redis-fault-a"));
        second = PayaraProcess.start(environment("b"), PayaraProcess.logFile("redis-fault-b"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (PayaraProcess server : new PayaraProcess[] {second, first}) {
                if (server != null) {
                    server.close();
                }
            }
        } finally {
            if (redis != null) {
                redis.destroy();
                redis.waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(redisDir);
            try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    @Test
    @Order(1)
    void redisRestartedWhileWebhooksFlowLosesNothingAndRepeatsNothing() throws Exception {
        int count = 60;
        try (SseTestClient onFirst = SseTestClient.open(first.url());
             SseTestClient onSecond = SseTestClient.open(second.url())) {
            assertEquals("connected", onFirst.nextMessage(WAIT).json().getString("event"));
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            List<PayaraProcess> instances = List.of(first, second);
            AtomicInteger refused = new AtomicInteger();
            CompletableFuture<List<String>> sent = CompletableFuture.supplyAsync(() -> {
                List<String> webhookIds = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String webhookId = "EV_flow" + RUN + i;
                    deliver(room(webhookId), i, instances, refused);
                    webhookIds.add(webhookId);
                    pause(100);
                }
                return webhookIds;
            });
            Thread.sleep(1500);
            redis.destroy();
            assertTrue(redis.waitFor(30, TimeUnit.SECONDS));
            long down = System.nanoTime();
            assertTrue(readinessSays(first, 503, "unreachable"), "not ready while Redis cannot be reached");
            Thread.sleep(Math.max(0, 3000 - (System.nanoTime() - down) / 1_000_000));
            redis = startRedis();
            List<String> webhookIds = sent.get(3, TimeUnit.MINUTES);

            List<Frame> seenByFirst = livekitMessages(onFirst, count);
            List<Frame> seenBySecond = livekitMessages(onSecond, count);
            assertEquals(ids(seenByFirst), ids(seenBySecond), "one order on both instances");
            assertEquals(new HashSet<>(webhookIds), new HashSet<>(webhookIds(seenByFirst)), "every event delivered");
            assertEquals(count, new HashSet<>(ids(seenByFirst)).size(), "none twice");
            assertTrue(onFirst.messagesWithin(Duration.ofSeconds(6)).stream().noneMatch(RedisFaultIT::isLivekit),
                    "nothing more, not even a late stranded message");
            assertTrue(refused.get() > 0, "Redis was down while webhooks came: some were answered 503 first");
            assertTrue(readinessSays(second, 200, "reachable"), "ready again");
            System.out.printf(Locale.ROOT, "REDIS FAULT: %d webhooks, Redis stopped for 3 s: %d attempts answered "
                    + "503 and retried, %d lost, %d delivered twice%n", count, refused.get(),
                    count - new HashSet<>(webhookIds(seenByFirst)).size(), count - new HashSet<>(ids(seenByFirst)).size());
        }
    }

    @Test
    @Order(2)
    void anInstanceKilledMidRunLosesNothingForItsClients() throws Exception {
        int count = 30;
        List<Frame> seen = new ArrayList<>();
        List<String> webhookIds = new ArrayList<>();
        try (SseTestClient onFirst = SseTestClient.open(first.url())) {
            assertEquals("connected", onFirst.nextMessage(WAIT).json().getString("event"));
            List<PayaraProcess> instances = List.of(first, second);
            for (int i = 0; i < count; i++) {
                if (i == count / 3) {
                    first.kill();
                }
                String webhookId = "EV_kill" + RUN + i;
                deliver(room(webhookId), i, instances, new AtomicInteger());
                webhookIds.add(webhookId);
            }
            seen.addAll(onFirst.messagesWithin(Duration.ofSeconds(1)).stream().filter(RedisFaultIT::isLivekit).toList());
        }
        assertTrue(!seen.isEmpty() && seen.size() < count, "the first stream ended part way: " + seen.size());
        int beforeTheKill = seen.size();
        try (SseTestClient onSecond = SseTestClient.open(second.url(), seen.get(beforeTheKill - 1).id())) {
            assertEquals("connected", onSecond.nextMessage(WAIT).json().getString("event"));
            seen.addAll(livekitMessages(onSecond, count - seen.size()));
            assertTrue(onSecond.messagesWithin(Duration.ofSeconds(2)).stream().noneMatch(RedisFaultIT::isLivekit));
        }
        assertEquals(webhookIds, webhookIds(seen), "every event once, in order, across the two streams");
        System.out.printf(Locale.ROOT, "INSTANCE KILLED: %d webhooks, the first instance killed after %d: its client "
                + "had %d, resumed on the other with the %d it missed, 0 lost, 0 twice%n", count, count / 3, beforeTheKill,
                count - beforeTheKill);
    }

    /**
     * As LiveKit: up to 5 attempts, retried on 5xx and connection errors with its backoff; each
     * attempt to the next instance (a killed one refuses the connection).
     */
    private static void deliver(byte[] body, int startAt, List<PayaraProcess> instances, AtomicInteger refused) {
        for (int attempt = 0; attempt <= LIVEKIT_BACKOFF_MS.length; attempt++) {
            PayaraProcess instance = instances.get((startAt + attempt) % instances.size());
            try {
                WebhookSender.Answer answer = new WebhookSender(instance.url(), LiveKitSigner.TEST).send(body);
                if (answer.status() == 200) {
                    return;
                }
                assertEquals(503, answer.status(), answer.body());
                refused.incrementAndGet();
            } catch (UncheckedIOException connectionRefused) {
                // the instance is down: LiveKit retries
            }
            if (attempt < LIVEKIT_BACKOFF_MS.length) {
                pause(LIVEKIT_BACKOFF_MS[attempt]);
            }
        }
        throw new AssertionError("5 attempts failed, LiveKit would drop the event");
    }

    /** Whether the instance's readiness answers this status and text within 2.5 s. */
    private static boolean readinessSays(PayaraProcess instance, int status, String text) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 2_500_000_000L;
        do {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(instance.base().resolve("/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == status && ready.body().contains("\"" + text + "\"")) {
                return true;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static Process startRedis() throws Exception {
        Process started = new ProcessBuilder("/usr/bin/redis-server", "--bind", "127.0.0.1", "--port",
                Integer.toString(redisPort), "--dir", redisDir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                "--save", "").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(redisDir.resolve("redis.log").toFile())).start();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Jedis probe = new Jedis(URI.create(redisUrl()))) {
                probe.ping();
                return started;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("redis-server did not answer on " + redisPort);
    }

    /** Deletes a folder this test made, with what is in it. */
    static void deleteTree(Path root) throws java.io.IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<Frame> livekitMessages(SseTestClient client, int count) throws InterruptedException {
        List<Frame> frames = new ArrayList<>(count);
        while (frames.size() < count) {
            Frame frame = client.nextMessage(WAIT);
            if (isLivekit(frame)) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static boolean isLivekit(Frame frame) {
        return frame.data() != null && frame.data().contains("\"type\":\"livekit\"");
    }

    private static List<String> ids(List<Frame> frames) {
        return frames.stream().map(Frame::id).toList();
    }

    private static List<String> webhookIds(List<Frame> frames) {
        return frames.stream().map(f -> f.json().getJsonObject("metadata").getString("webhookId")).toList();
    }

    private static byte[] room(String webhookId) {
        int room = rooms.incrementAndGet();
        return Events.roomStarted(webhookId, "RM_" + RUN + room, "fault-" + RUN + "-" + room, System.currentTimeMillis() / 1000);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    private static Map<String, String> environment(String instance) {
        return PayaraProcess.redisBusInstance("redis-fault-" + instance, SCHEMA, redisUrl(), "lkdash-fault:" + RUN);
    }
}
