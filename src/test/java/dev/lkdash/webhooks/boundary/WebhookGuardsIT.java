package dev.lkdash.webhooks.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.WebhookSender;
import dev.lkdash.testing.WebhookSender.Answer;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guards in front of verification, on an instance without webhook keys and with a per-address
 * rate limit: 503 not_configured, then 429 with Retry-After once the address's budget is spent.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class WebhookGuardsIT {

    private static final int RATE = 5;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DashboardDeployment.without("guards", Map.of("dashboard.webhook.rate-limit-per-second", Integer.toString(RATE)));
    }

    @Test
    void withoutKeysWebhooksAreRefusedWith503AndTheRateLimitAnswers429() throws Exception {
        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        try (SseTestClient stream = SseTestClient.open(base)) {
            assertEquals("connected", stream.next(Duration.ofSeconds(10)).json().getString("event"));

            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < RATE * 4; i++) {
                answers.add(livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_guard" + i)));
            }
            Answer first = answers.get(0);
            assertEquals(503, first.status(), first.body());
            assertEquals("not_configured", first.json().getString("error"));
            assertTrue(first.json().getString("message").contains("livekit.api.key"));

            Answer limited = answers.stream().filter(answer -> answer.status() == 429).findFirst().orElse(null);
            assertNotNull(limited, "more than " + RATE + " a second from one address are refused");
            assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
            assertEquals("rate_limited", limited.json().getString("error"));
            assertTrue(answers.stream().allMatch(answer -> answer.status() == 503 || answer.status() == 429));

            assertTrue(stream.messagesWithin(Duration.ofMillis(500)).isEmpty(), "nothing was broadcast");
        }
    }
}
