package dev.lkdash.auth.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkdash.testing.DashboardDeployment;
import dev.lkdash.testing.PayaraProcess;
import dev.lkdash.testing.ReadApi;
import dev.lkdash.testing.SseTestClient;
import dev.lkdash.testing.TestLogin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the server does about sign-in at start, seen in its log and its data dir: a generated admin
 * password is printed once, kept only as a PBKDF2 hash readable by its owner, and still valid after
 * a restart that prints nothing; {@code dashboard.auth.enabled=false} opens everything and warns.
 */
class AuthStartIT {

    private static final Pattern GENERATED = Pattern.compile("Generated the dashboard's admin password .*: username admin password (\\S+)");

    @Test
    void aGeneratedPasswordIsPrintedOnceAndStoredOnlyAsAHash() throws Exception {
        Path dataDir = Path.of(DashboardDeployment.freshDataDir("generated-password"));
        Map<String, String> env = Map.of("DASHBOARD_DATA_DIR", dataDir.toString(), "DASHBOARD_AUTH_ADMIN_PASSWORD", "");
        Path firstLog = PayaraProcess.logFile("auth-generated-1");
        Files.deleteIfExists(firstLog);
        String password;
        try (PayaraProcess first = PayaraProcess.start(env, firstLog)) {
            String log = Files.readString(firstLog);
            Matcher printed = GENERATED.matcher(log);
            assertTrue(printed.find(), "the generated password is in the log");
            password = printed.group(1);
            assertFalse(printed.find(), "printed once");
            assertTrue(password.length() >= 20, password);
            assertEquals(1, count(log, password), "the password appears in that one line only");
            assertEquals(204, TestLogin.login(first.base(), "admin", password).statusCode());
            assertEquals(401, TestLogin.login(first.base(), "admin", TestLogin.PASSWORD).statusCode());
        }
        Path hashFile = dataDir.resolve("admin-password.pbkdf2");
        String stored = Files.readString(hashFile);
        assertFalse(stored.contains(password), "no plaintext in " + hashFile);
        assertTrue(stored.startsWith("PBKDF2WithHmacSHA512:210000:"), stored);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(hashFile));

        Path secondLog = PayaraProcess.logFile("auth-generated-2");
        Files.deleteIfExists(secondLog);
        try (PayaraProcess second = PayaraProcess.start(env, secondLog)) {
            String log = Files.readString(secondLog);
            assertFalse(GENERATED.matcher(log).find(), "a restart prints no password");
            assertEquals(0, count(log, password));
            assertEquals(204, TestLogin.login(second.base(), "admin", password).statusCode(), "the stored hash still admits it");
        }
        assertEquals(stored, Files.readString(hashFile), "the hash is kept as it was");
    }

    @Test
    void withSignInOffEverythingIsOpenAndAWarningSaysSo() throws Exception {
        Path log = PayaraProcess.logFile("auth-disabled");
        Files.deleteIfExists(log);
        Map<String, String> env = Map.of("DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir("auth-disabled"),
                "DASHBOARD_AUTH_ENABLED", "false");
        try (PayaraProcess server = PayaraProcess.start(env, log)) {
            assertTrue(Files.readString(log).lines().anyMatch(line -> line.contains("WARNING")
                    && line.contains("dashboard.auth.enabled=false")), "the start warns");
            ReadApi anonymous = new ReadApi(server.base()).anonymous();
            for (String path : List.of("/api/rooms", "/api/sessions", "/api/stats/overview", "/api/info")) {
                assertEquals(200, anonymous.get(path).status(), path);
            }
            assertEquals("{\"username\":null}", anonymous.get("/api/auth/me").body());
            assertEquals("disabled", anonymous.get("/api/auth/mode").asObject().getString("mode"));
            assertEquals(404, TestLogin.login(server.base(), "admin", TestLogin.PASSWORD).statusCode());
            try (SseTestClient stream = SseTestClient.openAnonymous(URI.create(server.base().toString()).toURL())) {
                assertEquals(200, stream.response().statusCode());
                assertEquals("connected", stream.next(Duration.ofSeconds(10)).json().getString("event"));
            }
        }
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }
}
