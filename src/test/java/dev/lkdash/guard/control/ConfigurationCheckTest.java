package dev.lkdash.guard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {

    private static List<String> problems(Map<String, String> settings, SettingsCatalog... more) {
        List<SettingsCatalog> catalogs = new java.util.ArrayList<>(List.of(new DashboardSettings()));
        catalogs.addAll(List.of(more));
        return ConfigurationCheck.problems(catalogs, key -> Optional.ofNullable(settings.get(key)), settings.keySet());
    }

    @Test
    void theDefaultsPass() throws Exception {
        java.util.Properties defaults = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        Map<String, String> settings = new java.util.HashMap<>();
        defaults.stringPropertyNames().stream().filter(key -> key.startsWith("dashboard.") || key.startsWith("livekit."))
                .forEach(key -> settings.put(key, defaults.getProperty(key)));
        settings.put("dashboard.data-dir", "/tmp/x");
        assertEquals(List.of(), problems(settings, new dev.lkdash.auth.control.AuthSettingsCatalog()),
                "every default is a key of a catalog and passes its rule");
    }

    @Test
    void everyProblemIsListedAtOnceByKeyNeverByValue() {
        Map<String, String> settings = Map.of(
                "dashboard.sse.replay-size", "0",
                "dashboard.sse.half-open-seconds", "-1",
                "dashboard.history.retention-days", "-3",
                "dashboard.sse.heartbeat-seconds", "soon",
                "dashboard.sse.transport", "grpc",
                "dashboard.db.url", "jdbc:mysql://db/secret-name",
                "livekit.api.key", "APIkey",
                "dashboard.http.trusted-proxies", "10.0.0.0/8, proxy.example",
                "dashboard.cors.allowed-origins", "*",
                "dashboard.sse.max-conections", "5");
        List<String> problems = problems(settings);
        assertEquals(10, problems.size(), String.join("\n", problems));
        for (String key : List.of("dashboard.sse.replay-size", "dashboard.sse.half-open-seconds", "dashboard.history.retention-days",
                "dashboard.sse.heartbeat-seconds", "dashboard.sse.transport", "dashboard.db.url",
                "livekit.api.key is set without livekit.api.secret", "dashboard.http.trusted-proxies",
                "dashboard.cors.allowed-origins", "dashboard.sse.max-conections is not a setting")) {
            assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(key)), key + " in " + problems);
        }
        for (String value : List.of("soon", "grpc", "mysql", "secret-name", "APIkey", "proxy.example")) {
            assertFalse(problems.stream().anyMatch(problem -> problem.contains(value)), "no value in the problems: " + value);
        }
    }

    @Test
    void theRedisBusNeedsRedisAndPostgresqlAndNeverShowsTheUrl() {
        assertEquals(List.of("dashboard.bus=redis needs dashboard.redis.url",
                        "dashboard.bus=redis needs dashboard.db.url (a PostgreSQL database the instances share)"),
                problems(Map.of("dashboard.bus", "redis")));
        List<String> wrongUrl = problems(Map.of("dashboard.bus", "redis", "dashboard.redis.url", "http://:hunter2@cache:6379",
                "dashboard.db.url", "jdbc:postgresql://db/lkdash"));
        assertEquals(List.of("dashboard.redis.url must be a redis or rediss URL with a host"), wrongUrl);
        assertEquals(List.of(), problems(Map.of("dashboard.bus", "redis", "dashboard.redis.url", "rediss://:hunter2@cache:6380/1",
                "dashboard.redis.stream", "lkdash:messages", "dashboard.db.url", "jdbc:postgresql://db/lkdash")));
        assertEquals(List.of("dashboard.bus must be one of local, redis"), problems(Map.of("dashboard.bus", "kafka")));
        assertEquals("dashboard.redis.url (set)", ConfigurationCheck.summary(List.of(new DashboardSettings()),
                key -> key.equals("dashboard.redis.url") ? Optional.of("redis://:hunter2@cache") : Optional.empty())
                .split(", ")[1]);
    }

    @Test
    void anotherCatalogAddsItsKeysAndRules() {
        SettingsCatalog auth = new SettingsCatalog() {
            @Override
            public List<Setting> settings() {
                return List.of(Setting.of("dashboard.auth.enabled", Setting.bool()), Setting.secret("dashboard.metrics.token"));
            }

            @Override
            public List<String> checkTogether(Map<String, String> values) {
                return values.containsKey("dashboard.metrics.token") && values.get("dashboard.metrics.token").length() < 16
                        ? List.of("dashboard.metrics.token must be at least 16 characters") : List.of();
            }
        };
        assertTrue(problems(Map.of("dashboard.auth.enabled", "yes")).get(0).contains("not a setting"));
        assertEquals(List.of("dashboard.auth.enabled must be true or false", "dashboard.metrics.token must be at least 16 characters"),
                problems(Map.of("dashboard.auth.enabled", "yes", "dashboard.metrics.token", "short"), auth));
        String summary = ConfigurationCheck.summary(List.of(auth), key -> Optional.of("hunter2"));
        assertEquals("dashboard.metrics.token (set)", summary);
        assertFalse(summary.contains("hunter2"));
    }

    @Test
    void aKeyListedUnderTheNameOfItsEnvironmentVariableIsKnown() {
        // WildFly lists DASHBOARD_DATA_DIR as dashboard.data.dir
        assertEquals(List.of(), problems(Map.of("dashboard.data.dir", "/var/lib/lkdash", "dashboard.data-dir", "/var/lib/lkdash")));
        assertTrue(problems(Map.of("dashboard.data.dri", "/var/lib/lkdash")).get(0).contains("not a setting"));
    }

    @Test
    void numbersAreCheckedForRange() {
        assertTrue(problems(Map.of("dashboard.sse.retry-ms", "999")).get(0).contains("between 1000 and 5000"));
        assertTrue(problems(Map.of("dashboard.webhook.rate-limit-per-second", "-1")).get(0).contains("0 (off) or more"));
        assertTrue(problems(Map.of("dashboard.webhook.rate-limit-per-second", "2.5")).isEmpty());
        assertTrue(problems(Map.of("dashboard.sse.max-connections", "99999999999999999999")).get(0).contains("whole number"));
    }
}
