package dev.lkdash.stream.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.RawSseStream;
import dev.lkdash.testing.SocketQueues;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A message reaches its stream without waiting for the next one, also when the stream's
 * connection was full as it was written: whatever of it the container took while the client was
 * behind goes out once the client reads again, with no later message, heartbeat or other traffic
 * to push it. Run once per transport ({@link JaxRsPromptDeliveryIT}, {@link ServletPromptDeliveryIT}).
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
abstract class PromptDeliveryContract {

    /** Metadata per message: a frame of about 2 KB, a fraction of a container's output buffer. */
    private static final String PADDING = "p".repeat(1500);
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    /** Far more than the client's receive buffer: the server's socket buffer is full too. */
    private static final long FULL_BYTES = 64 * 1024;

    @ArquillianResource
    URL base;

    static WebArchive deployment(String transport) {
        return DashboardDeployment.withKeys("prompt-" + transport, Map.of(
                "dashboard.sse.transport", transport,
                // no heartbeat within the test: it would carry out what a buffer kept
                "dashboard.sse.heartbeat-seconds", "3600",
                // the client stops reading while its connection fills up, and must not be cut for it
                "dashboard.sse.send-timeout-ms", "120000"));
    }

    @Test
    void theLastMessageBeforeAQuietSpellReachesAClientThatWasBehind() throws Exception {
        Assumptions.assumeTrue(SocketQueues.readable(), "needs Linux's socket tables to see the connection fill up");
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        try (RawSseStream stream = RawSseStream.open(base)) {
            assertEquals(200, stream.status());
            List<String> connected = stream.nextFrame(PROMPTLY);
            assertNotNull(connected, "the connected frame");
            assertTrue(String.join("\n", connected).contains("\"event\":\"connected\""), connected.toString());

            // the client reads nothing until the kernel takes no more of what the server writes to it
            List<String> accepted = new ArrayList<>();
            long held = SocketQueues.inFlight(base.getPort(), stream.localPort());
            boolean full = false;
            while (!full) {
                // the kernel may grow a socket's send buffer to 4 MiB (Linux's default tcp_wmem): ~1,700 messages
                assertTrue(accepted.size() < 5000, "the connection did not fill up: " + held + " bytes held");
                String body = new String(WebhookSender.withId(Fixtures.body("participant_joined"), "EV_prompt" + accepted.size()),
                        StandardCharsets.UTF_8).replace("\"name\": \"Alice\"", "\"name\": \"Alice\", \"metadata\": \"" + PADDING + "\"");
                Answer answer = livekit.send(body.getBytes(StandardCharsets.UTF_8));
                assertEquals(200, answer.status(), answer.body());
                accepted.add(answer.json().getString("id"));
                long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                long now;
                while ((now = SocketQueues.inFlight(base.getPort(), stream.localPort())) - held < PADDING.length()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(5); // polling the kernel's count, which the server's write moves
                }
                // a server slow to write (a loaded machine) looks full too, but not this early
                full = now - held < PADDING.length() && now >= FULL_BYTES;
                held = now;
            }

            // the client reads again; nothing else is sent
            long resumed = System.nanoTime();
            long deadline = resumed + PROMPTLY.toNanos();
            List<String> received = new ArrayList<>();
            String last = accepted.get(accepted.size() - 1);
            while (!received.contains(last)) {
                List<String> frame = stream.nextFrame(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                assertNotNull(frame, "the last message did not arrive within " + PROMPTLY + " of the client reading again ("
                        + received.size() + " of " + accepted.size() + " arrived, the connection held " + held + " bytes)");
                String id = RawSseStream.idOf(frame);
                if (id != null) {
                    received.add(id);
                }
            }
            System.out.printf("%d messages (%d bytes in the kernel when it took no more), all read %d ms after the client read again%n",
                    accepted.size(), held, (System.nanoTime() - resumed) / 1_000_000);
            assertEquals(accepted, received, "every message once, in order");
        }
    }
}
