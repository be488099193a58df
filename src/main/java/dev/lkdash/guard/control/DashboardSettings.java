package dev.lkdash.guard.control;

import static dev.lkdash.guard.control.Setting.atLeast;
import static dev.lkdash.guard.control.Setting.bool;
import static dev.lkdash.guard.control.Setting.listOf;
import static dev.lkdash.guard.control.Setting.oneOf;
import static dev.lkdash.guard.control.Setting.rate;
import static dev.lkdash.guard.control.Setting.startsWith;
import static dev.lkdash.guard.control.Setting.text;
import static dev.lkdash.guard.control.Setting.url;
import static dev.lkdash.guard.control.Setting.wholeNumber;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every {@code livekit.*} and {@code dashboard.*} key the README documents, and what it takes. */
@ApplicationScoped
public class DashboardSettings implements SettingsCatalog {

    private static final int MIB = 1024 * 1024;

    @Override
    public List<Setting> settings() {
        return List.of(
                Setting.of("livekit.api.key", text()),
                Setting.secret("livekit.api.secret"),
                Setting.of("livekit.url", url("http", "https", "ws", "wss")),
                Setting.of("dashboard.sse.transport", oneOf("jaxrs", "servlet")),
                Setting.of("dashboard.bus", oneOf("local", "redis")),
                Setting.secret("dashboard.redis.url"),
                Setting.of("dashboard.redis.stream", text()),
                Setting.of("dashboard.sse.heartbeat-seconds", wholeNumber(1, 3600)),
                Setting.of("dashboard.sse.max-connections", atLeast(1)),
                Setting.of("dashboard.sse.max-connections-per-address", atLeast(0)),
                Setting.of("dashboard.sse.replay-size", wholeNumber(1, 10_000_000)),
                Setting.of("dashboard.sse.retry-ms", wholeNumber(1000, 5000)),
                Setting.of("dashboard.sse.send-timeout-ms", wholeNumber(100, 600_000)),
                Setting.of("dashboard.sse.half-open-seconds", wholeNumber(0, 3600)),
                Setting.of("dashboard.sse.writer-threads", wholeNumber(1, 64)),
                Setting.of("dashboard.webhook.max-body-bytes", wholeNumber(1024, 64 * MIB)),
                Setting.of("dashboard.webhook.dedupe-minutes", wholeNumber(1, 7 * 24 * 60)),
                Setting.of("dashboard.webhook.dedupe-max-ids", wholeNumber(1, 100_000_000)),
                Setting.of("dashboard.webhook.rate-limit-per-second", rate()),
                Setting.of("dashboard.webhook.silence-minutes", wholeNumber(1, 7 * 24 * 60)),
                Setting.of("dashboard.http.rate-limit-per-second", rate()),
                Setting.of("dashboard.http.max-body-bytes", wholeNumber(1024, 16 * MIB)),
                Setting.of("dashboard.http.trusted-proxies", listOf(ClientAddresses::isAddressOrRange, "addresses or CIDR ranges")),
                Setting.of("dashboard.cors.allowed-origins", listOf(CorsPolicy::isOrigin, "origins (https://host[:port])")),
                Setting.of("dashboard.data-dir", text()),
                Setting.of("dashboard.db.url", startsWith("jdbc:postgresql://")),
                Setting.of("dashboard.db.user", text()),
                Setting.secret("dashboard.db.password"),
                Setting.of("dashboard.db.pool-size", wholeNumber(1, 500)),
                Setting.of("dashboard.history.retention-days", wholeNumber(1, 36_500)),
                Setting.of("dashboard.reconcile.interval-seconds", wholeNumber(1, 86_400)),
                Setting.of("dashboard.reconcile.grace-seconds", wholeNumber(0, 86_400)),
                Setting.of("dashboard.rooms.presume-ended", bool()),
                Setting.of("dashboard.demo.enabled", bool()),
                Setting.of("dashboard.demo.url", url("http", "https")),
                Setting.of("dashboard.version", text()));
    }

    @Override
    public List<String> checkTogether(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        boolean key = values.containsKey("livekit.api.key");
        boolean secret = values.containsKey("livekit.api.secret");
        if (key != secret) {
            problems.add(key ? "livekit.api.key is set without livekit.api.secret" : "livekit.api.secret is set without livekit.api.key");
        }
        if ("true".equalsIgnoreCase(values.getOrDefault("dashboard.demo.enabled", "false").strip()) && !(key && secret)) {
            problems.add("dashboard.demo.enabled needs livekit.api.key and livekit.api.secret to sign its webhooks");
        }
        if ("redis".equals(values.getOrDefault("dashboard.bus", "local").strip())) {
            if (!values.containsKey("dashboard.redis.url")) {
                problems.add("dashboard.bus=redis needs dashboard.redis.url");
            }
            if (!values.containsKey("dashboard.db.url")) {
                problems.add("dashboard.bus=redis needs dashboard.db.url (a PostgreSQL database the instances share)");
            }
        }
        String redisUrl = values.get("dashboard.redis.url");
        if (redisUrl != null && Setting.url("redis", "rediss").problem(redisUrl) != null) {
            problems.add("dashboard.redis.url must be a redis or rediss URL with a host");
        }
        for (String dbKey : List.of("dashboard.db.user", "dashboard.db.password")) {
            if (values.containsKey(dbKey) && !values.containsKey("dashboard.db.url")) {
                problems.add(dbKey + " is set without dashboard.db.url");
            }
        }
        return problems;
    }
}
