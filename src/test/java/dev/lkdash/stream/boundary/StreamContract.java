package dev.lkdash.stream.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.Metrics;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.SseTestClient.Frame;
import dev.lkdash.testing.TestLogin;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SSE section of the contract against the real WAR on Payara Micro, run once per transport
 * ({@link JaxRsStreamIT}, {@link ServletStreamIT}).
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
abstract class StreamContract {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int MAX_CONNECTIONS = 12;
    private static final long SEND_TIMEOUT_MS = 3000;
    private static final AtomicInteger IDS = new AtomicInteger();

    @ArquillianResource
    URL base;

    private WebhookSender livekit;

    /** The WAR with the stream settings these tests rely on and the given transport. */
    static WebArchive deployment(String transport) {
        return DashboardDeployment.withKeys("stream-" + transport, Map.of(
                "dashboard.sse.transport", transport,
                "dashboard.sse.heartbeat-seconds", "1",
                "dashboard.sse.max-connections", Integer.toString(MAX_CONNECTIONS),
                "dashboard.sse.send-timeout-ms", Long.toString(SEND_TIMEOUT_MS)));
    }

    @BeforeEach
    void sender() {
        livekit = new WebhookSender(base, LiveKitSigner.TEST);
    }

    /**
     * Streams a test closed stay open on the server until a write to them fails (heartbeats find
     * them within a few seconds); waiting for that keeps each test's connection budget whole.
     */
    @AfterEach
    void everyStreamIsGone() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double open;
        while ((open = Metrics.value(Metrics.scrape(base), "dashboard_sse_connections", Metrics.APPLICATION)) > 0) {
            assertTrue(System.nanoTime() < deadline, open + " streams still open 30 s after their clients closed");
            Thread.sleep(200); // polling the server's own count, which heartbeats bring down
        }
    }

    @Test
    void headersAndTheConnectedFrameComeAtOnce() throws Exception {
        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals(200, stream.response().statusCode());
            assertEquals("text/event-stream", stream.response().headers().firstValue("Content-Type").orElseThrow());
            assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("no", stream.response().headers().firstValue("X-Accel-Buffering").orElseThrow());
            assertEquals("keep-alive", stream.response().headers().firstValue("Connection").orElseThrow());

            Frame first = stream.next(WAIT);
            assertNull(first.id(), "system messages carry no id: line");
            assertNull(first.event());
            long retry = Long.parseLong(first.retry());
            assertTrue(retry >= 1000 && retry <= 5000, "retry: " + retry);
            JsonObject connected = first.json();
            assertEquals("system", connected.getString("type"));
            assertEquals("connected", connected.getString("event"));
            assertEquals("internal", connected.getJsonObject("metadata").getString("source"));
            JsonObject data = connected.getJsonObject("data");
            assertTrue(data.getString("connectionId").length() > 8);
            assertNotNull(data.getString("serverVersion"));
            assertEquals(14, data.getJsonArray("supportedEvents").size());
            assertTrue(data.getJsonArray("supportedEvents").toString().contains("\"agent_job_ended\""));
        }
    }

    @Test
    void withoutASessionTheStreamIs401Json() throws Exception {
        try (SseTestClient anonymous = SseTestClient.openAnonymous(base)) {
            assertEquals(401, anonymous.response().statusCode());
            assertTrue(anonymous.response().headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertTrue(anonymous.body().contains("\"error\":\"unauthorized\""));
        }
    }

    @Test
    void anythingButGetIsAJson405() throws Exception {
        HttpURLConnection post = (HttpURLConnection) new URL(base, "api/events").openConnection();
        post.setRequestMethod("POST");
        TestLogin.cookie(base.toURI()).ifPresent(cookie -> post.setRequestProperty("Cookie", cookie));
        assertEquals(405, post.getResponseCode());
        assertTrue(post.getHeaderField("Allow").contains("GET"), post.getHeaderField("Allow"));
        assertFalse(post.getHeaderField("Allow").contains("POST"), post.getHeaderField("Allow"));
        assertTrue(post.getContentType().startsWith("application/json"));
        String body = new String(post.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"error\":\"method_not_allowed\""), body);
    }

    @Test
    void theHeartbeatIsACommentAndANamedEventWithoutId() throws Exception {
        try (SseTestClient stream = SseTestClient.open(base)) {
            stream.next(WAIT);
            Frame heartbeat = stream.next(Duration.ofSeconds(5));
            assertTrue(heartbeat.isHeartbeat(), "a heartbeat within a few intervals of 1 s");
            assertEquals(List.of("heartbeat"), heartbeat.comments());
            assertNull(heartbeat.id());
            assertTrue(heartbeat.json().getJsonNumber("timestamp").longValue() > 1_700_000_000_000L);
        }
    }

    @Test
    void aBurstOf1000WebhooksArrivesOnceEachInAcceptanceOrder() throws Exception {
        try (SseTestClient first = SseTestClient.open(base); SseTestClient second = SseTestClient.open(base)) {
            first.next(WAIT);
            second.next(WAIT);
            List<String> accepted = postConcurrently(1000, 16);

            for (SseTestClient stream : List.of(first, second)) {
                List<String> received = new ArrayList<>();
                while (received.size() < accepted.size()) {
                    received.add(stream.nextMessage(WAIT).id());
                }
                assertEquals(accepted.stream().sorted().toList(), received.stream().sorted().toList(), "each accepted message once");
                long[] sequences = received.stream().mapToLong(StreamContract::sequenceOf).toArray();
                long[] ordered = sequences.clone();
                Arrays.sort(ordered);
                assertTrue(Arrays.equals(ordered, sequences), "acceptance order");
                assertEquals(sequences.length - 1, sequences[sequences.length - 1] - sequences[0], "no gap");
                assertTrue(stream.messagesWithin(Duration.ofMillis(300)).isEmpty(), "nothing more");
            }
        }
    }

    @Test
    void aClientResumesAfterItsLastEventId() throws Exception {
        try (SseTestClient live = SseTestClient.open(base)) {
            live.next(WAIT);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(post("participant_joined"));
            }
            for (String id : ids) {
                assertEquals(id, live.nextMessage(WAIT).id());
            }
            try (SseTestClient resumed = SseTestClient.open(base, ids.get(1))) {
                assertEquals("connected", resumed.next(WAIT).json().getString("event"));
                assertEquals(ids.subList(2, 5), List.of(resumed.next(WAIT).id(), resumed.nextMessage(WAIT).id(), resumed.nextMessage(WAIT).id()));
                String after = post("participant_left");
                assertEquals(after, resumed.nextMessage(WAIT).id(), "then live messages, no gap, no repeat");
                assertEquals(after, live.nextMessage(WAIT).id());
            }
            try (SseTestClient recreated = SseTestClient.open(base, "/api/events?lastEventId=" + ids.get(3), null)) {
                assertEquals("connected", recreated.next(WAIT).json().getString("event"));
                assertEquals(ids.get(4), recreated.nextMessage(WAIT).id(), "the query parameter resumes like the header");
            }
        }
    }

    @Test
    void streamsThatResumeDuringABurstGetEveryMessageAfterTheirIdOnce() throws Exception {
        String resumeAfter = post("room_started");
        CompletableFuture<List<String>> burst = CompletableFuture.supplyAsync(() -> {
            try {
                return postConcurrently(600, 16);
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        });
        List<SseTestClient> joiners = new ArrayList<>();
        try {
            while (!burst.isDone() && joiners.size() < 6) { // each joins while messages are being broadcast
                joiners.add(SseTestClient.open(base, resumeAfter));
                Thread.sleep(40); // spreads the joins over the burst
            }
            List<String> accepted = burst.get();
            long last = accepted.stream().mapToLong(StreamContract::sequenceOf).max().orElseThrow();
            for (SseTestClient joiner : joiners) {
                assertEquals("connected", joiner.next(WAIT).json().getString("event"));
                long expected = sequenceOf(resumeAfter) + 1;
                while (expected <= last) {
                    assertEquals(expected, sequenceOf(joiner.nextMessage(WAIT).id()), "replay then live, no gap, no repeat");
                    expected++;
                }
                assertTrue(joiner.messagesWithin(Duration.ofMillis(300)).isEmpty(), "nothing more");
            }
        } finally {
            joiners.forEach(SseTestClient::close);
        }
    }

    @Test
    void anIdOfAnEarlierRunGetsAResyncThenEverythingSinceTheStart() throws Exception {
        String before = post("room_started");
        try (SseTestClient stream = SseTestClient.open(base, "earlierrun-42")) {
            assertEquals("connected", stream.next(WAIT).json().getString("event"));
            Frame resync = stream.nextMessage(WAIT);
            assertNull(resync.id());
            assertEquals("system", resync.json().getString("type"));
            assertEquals("resync", resync.json().getString("event"));
            String after = post("room_started");
            List<Long> replayed = new ArrayList<>();
            String id;
            do {
                id = stream.nextMessage(WAIT).id();
                replayed.add(sequenceOf(id));
            } while (!id.equals(after));
            assertEquals(1L, replayed.get(0), "this run from its first message (the replay log still holds it)");
            assertTrue(replayed.contains(sequenceOf(before)));
            for (int i = 1; i < replayed.size(); i++) {
                assertEquals(replayed.get(i - 1) + 1, replayed.get(i), "in order, no gap, no repeat");
            }
        }
    }

    @Test
    void streamsOverTheLimitGet429AndClosedOnesAreFoundByHeartbeats() throws Exception {
        List<SseTestClient> open = new ArrayList<>();
        SseTestClient refused = null;
        try {
            for (int i = 0; i <= MAX_CONNECTIONS && refused == null; i++) {
                SseTestClient stream = SseTestClient.open(base);
                if (stream.response().statusCode() == 429) {
                    refused = stream;
                } else {
                    open.add(stream);
                }
            }
            assertNotNull(refused, "the stream after the limit is refused");
            int retryAfter = Integer.parseInt(refused.response().headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1);
            assertTrue(refused.response().headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertTrue(refused.body().contains("\"error\":\"too_many_connections\""));
        } finally {
            open.forEach(SseTestClient::close);
        }
        // the clients went away without a word: heartbeat writes find them and free their places
        SseTestClient again = null;
        for (int attempt = 0; attempt < 60 && again == null; attempt++) {
            SseTestClient stream = SseTestClient.open(base);
            if (stream.response().statusCode() == 200) {
                again = stream;
            } else {
                Thread.sleep(250); // polling a condition the server reaches on its own heartbeat clock
            }
        }
        assertNotNull(again, "closed streams were dropped");
        again.close();
        assertTrue(Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"dead\"") >= 1);
    }

    @Test
    void aClientsNewerStreamEndsItsEarlierOneAndNoOtherClients() throws Exception {
        String client = "it-" + UUID.randomUUID().toString().replace("-", "");
        String otherClient = "it-" + UUID.randomUUID().toString().replace("-", "");
        double replacedBefore = Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total",
                "reason=\"replaced\"");
        try (SseTestClient earlier = SseTestClient.open(base, "/api/events?client=" + client, null);
             SseTestClient other = SseTestClient.open(base, "/api/events?client=" + otherClient, null);
             SseTestClient anonymous = SseTestClient.open(base)) {
            assertEquals("connected", earlier.next(WAIT).json().getString("event"));
            other.next(WAIT);
            anonymous.next(WAIT);
            // the same client again, as after its network changed: the earlier stream never heard of it
            try (SseTestClient newer = SseTestClient.open(base, "/api/events?client=" + client, null)) {
                assertEquals("connected", newer.next(WAIT).json().getString("event"));
                assertTrue(earlier.endsWithin(WAIT), "the client's earlier stream is ended by the server");
                String id = post("participant_joined");
                assertEquals(id, newer.nextMessage(WAIT).id());
                assertEquals(id, other.nextMessage(WAIT).id(), "another client's stream stays open");
                assertEquals(id, anonymous.nextMessage(WAIT).id(), "a stream without a client id stays open");
                assertEquals(replacedBefore + 1, Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total",
                        "reason=\"replaced\""));
            }
        }
        try (SseTestClient refused = SseTestClient.open(base, "/api/events?client=short", null)) {
            assertEquals(400, refused.response().statusCode(), "a client id too short to be unguessable");
            assertTrue(refused.body().contains("\"error\":\"bad_parameter\""), refused.body());
        }
    }

    @Test
    void aClientThatStopsReadingDelaysNoOneAndResumesWithoutLoss() throws Exception {
        String padding = "x".repeat(16_000);
        try (SseTestClient healthy = SseTestClient.open(base); Socket stuck = new Socket()) {
            healthy.next(WAIT);
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            OutputStream request = stuck.getOutputStream();
            String cookie = TestLogin.cookie(base.toURI()).map(value -> "Cookie: " + value + "\r\n").orElse("");
            request.write(("GET /api/events HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAccept: text/event-stream\r\n" + cookie + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();

            int count = 1000; // 16 MB: more than the kernel and Grizzly buffer for one connection
            List<String> accepted = new ArrayList<>();
            long worstDelayNanos = 0;
            for (int i = 0; i < count; i++) {
                String body = new String(WebhookSender.withId(Fixtures.body("participant_joined"), nextEventId()), StandardCharsets.UTF_8)
                        .replace("\"name\": \"Alice\"", "\"name\": \"Alice\", \"metadata\": \"" + padding + "\"");
                long sent = System.nanoTime();
                Answer answer = livekit.send(body.getBytes(StandardCharsets.UTF_8));
                assertEquals(200, answer.status());
                accepted.add(answer.json().getString("id"));
                Frame frame = healthy.nextMessage(WAIT);
                assertEquals(accepted.get(i), frame.id());
                worstDelayNanos = Math.max(worstDelayNanos, frame.arrivedNanos() - sent);
            }
            System.out.printf("a client stopped reading: the healthy one's worst delay over %d webhooks was %d ms%n",
                    count, worstDelayNanos / 1_000_000);
            assertTrue(worstDelayNanos < Duration.ofMillis(SEND_TIMEOUT_MS / 2).toNanos(),
                    "the healthy client never waited for the stuck one: worst " + worstDelayNanos / 1_000_000 + " ms");
            // its blocked write is noticed on the next pass after the send timeout (heartbeats run passes each second)
            double cut = 0;
            for (int poll = 0; poll < 60 && cut < 1; poll++) {
                Thread.sleep(250);
                cut = Metrics.value(Metrics.scrape(base), "dashboard_sse_clients_dropped_total", "reason=\"slow\"");
            }
            assertEquals(1, cut, "the stuck client was cut as slow");

            // the stuck client reads what reached it, then resumes after its last id
            List<String> received = readUntilClosed(stuck);
            assertTrue(received.size() < count, "it was cut before the end: " + received.size());
            assertEquals(accepted.subList(0, received.size()), received, "what it got is a prefix, in order");
            try (SseTestClient resumed = SseTestClient.open(base, received.get(received.size() - 1))) {
                resumed.next(WAIT);
                for (String id : accepted.subList(received.size(), count)) {
                    assertEquals(id, resumed.nextMessage(WAIT).id());
                }
            }
        }
    }

    @Test
    void webhookToClientLatency() throws Exception {
        try (SseTestClient stream = SseTestClient.open(base)) {
            stream.next(WAIT);
            long[] latencies = new long[200];
            for (int i = 0; i < latencies.length; i++) {
                long sent = System.nanoTime();
                String id = post("track_published");
                Frame frame = stream.nextMessage(WAIT);
                assertEquals(id, frame.id());
                latencies[i] = frame.arrivedNanos() - sent;
            }
            Arrays.sort(latencies);
            System.out.printf("webhook -> client latency over %d sequential webhooks: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    latencies.length, latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 99 / 100] / 1e6,
                    latencies[latencies.length - 1] / 1e6);
        }
    }

    private List<String> readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
        List<String> ids = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    ids.add(line.substring(4));
                }
            }
        } catch (IOException cut) {
            // a reset ends the stream as well as a close
        }
        return ids;
    }

    private List<String> postConcurrently(int count, int inFlight) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            answers.add(livekit.sendAsync(WebhookSender.withId(Fixtures.body("track_published"), nextEventId()))
                    .whenComplete((answer, failure) -> slots.release()));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<Answer> answer : answers) {
            assertEquals(200, answer.get().status());
            ids.add(answer.get().json().getString("id"));
        }
        return ids;
    }

    private String post(String fixture) {
        Answer answer = livekit.send(WebhookSender.withId(Fixtures.body(fixture), nextEventId()));
        assertEquals(200, answer.status(), answer.body());
        return answer.json().getString("id");
    }

    private static long sequenceOf(String messageId) {
        return Long.parseLong(messageId.substring(messageId.lastIndexOf('-') + 1));
    }

    private static String nextEventId() {
        return "EV_streamit" + IDS.incrementAndGet();
    }
}
