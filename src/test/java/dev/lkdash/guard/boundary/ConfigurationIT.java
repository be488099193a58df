package dev.lkdash.guard.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.PayaraProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment with a bad configuration does not start, and its log holds one list of every
 * problem, by key, with no value (a secret's least of all).
 */
class ConfigurationIT {

    private static final String SECRET = "secret-value-that-must-never-be-logged";

    @Test
    void aBadConfigurationFailsTheDeploymentWithOneListByKey() throws Exception {
        Path log = PayaraProcess.logFile("configuration-check");
        Files.deleteIfExists(log);
        int port = PayaraProcess.freePort();
        Map<String, String> settings = Map.of(
                "LIVEKIT_API_SECRET", SECRET,
                "DASHBOARD_SSE_REPLAY_SIZE", "0",
                "DASHBOARD_HISTORY_RETENTION_DAYS", "0",
                "DASHBOARD_SSE_HEARTBEAT_SECONDS", "often",
                "DASHBOARD_SSE_TRANSPORT", "websocket",
                "DASHBOARD_DB_URL", "jdbc:mysql://db.internal/dashboard",
                "DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND", "-5",
                "DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("configuration-check"));
        try (PayaraProcess server = PayaraProcess.launch(settings, log, port)) {
            String text = awaitLog(log, "Payara Micro .* ready in");
            List<String> expected = List.of(
                    "dashboard.sse.replay-size must be between", "dashboard.history.retention-days must be between",
                    "dashboard.sse.heartbeat-seconds must be a whole number", "dashboard.sse.transport must be one of jaxrs, servlet",
                    "dashboard.db.url must start with jdbc:postgresql://", "dashboard.http.rate-limit-per-second must be 0 (off) or more",
                    "livekit.api.secret is set without livekit.api.key");
            assertTrue(text.contains("The configuration has " + expected.size() + " problem(s)"), "one list of all problems");
            for (String problem : expected) {
                assertTrue(text.contains("  - " + problem), problem);
            }
            for (String value : List.of(SECRET, "often", "websocket", "db.internal")) {
                assertFalse(text.contains(value), "the log shows no value: " + value);
            }
            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/info")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, info.statusCode(), "the dashboard is not deployed");
        }
    }

    private static String awaitLog(Path log, String regex) throws Exception {
        java.util.regex.Pattern ready = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (ready.matcher(text).find()) {
                return text;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Payara Micro did not finish starting within 180 s");
    }
}
