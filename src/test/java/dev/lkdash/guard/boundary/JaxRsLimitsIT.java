package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.ErrorShape;
import dev.lkdash.testing.Fixtures;
import dev.lkdash.testing.LiveKitSigner;
import dev.lkdash.testing.Metrics;
import dev.lkdash.testing.RawHttp;
import dev.lkdash.testing.RawHttp.Response;
import dev.lkdash.testing.WebhookSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The limits on the JAX-RS stream transport, plus those that do not depend on the transport: the
 * per-address API rate (not applied to webhooks) and bounded request bodies.
 */
class JaxRsLimitsIT extends StreamLimitsContract {

    private static final int API_RATE = 5;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return deployment("jaxrs", Map.of("dashboard.http.rate-limit-per-second", Integer.toString(API_RATE)));
    }

    @Test
    void apiRequestsOverTheRateGet429AndWebhooksHaveTheirOwnLimit() throws Exception {
        Thread.sleep(1500); // a full bucket
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < API_RATE * 4; i++) {
            answers.add(RawHttp.get(base, "/api/info"));
        }
        Response limited = answers.stream().filter(answer -> answer.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("more than " + API_RATE + " a second from one address are refused"));
        assertEquals("rate_limited", ErrorShape.check("429", limited.header("Content-Type"), limited.body()));
        assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
        assertTrue(answers.stream().allMatch(answer -> answer.status() == 200 || answer.status() == 429));
        assertTrue(Metrics.value(Metrics.scrape(base), "dashboard_requests_refused_total", "reason=\"rate_limited\"") >= 1);

        WebhookSender livekit = new WebhookSender(base, LiveKitSigner.TEST);
        for (int i = 0; i < API_RATE * 3; i++) {
            assertEquals(200, livekit.send(WebhookSender.withId(Fixtures.body("room_started"), "EV_rate" + i)).status(),
                    "webhooks are not counted against the API's rate");
        }
        Thread.sleep(1500);
        assertEquals(200, RawHttp.get(base, "/api/info").status(), "the budget refills");
    }

    @Test
    void bodiesOverTheLimitGet413WhateverTheirFraming() throws Exception {
        Thread.sleep(1500);
        byte[] large = new byte[20_000];
        Response declared = RawHttp.send(base, "POST", "/api/rooms", Map.of("Content-Type", "application/json"), large);
        assertEquals(413, declared.status());
        assertEquals("payload_too_large", ErrorShape.check("413", declared.header("Content-Type"), declared.body()));

        String chunk = Integer.toHexString(large.length) + "\r\n" + new String(large) + "\r\n0\r\n\r\n";
        Response chunked = RawHttp.send(base, "POST", "/api/rooms",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), chunk.getBytes());
        assertEquals(413, chunked.status(), "a chunked body is counted as it is read");

        Response small = RawHttp.send(base, "POST", "/api/rooms", Map.of("Content-Type", "application/json"), "{}".getBytes());
        assertEquals(405, small.status(), "a body within the limit reaches the API (which has no POST here)");
        assertTrue(Metrics.value(Metrics.scrape(base), "dashboard_requests_refused_total", "reason=\"payload_too_large\"") >= 2);
    }
}
