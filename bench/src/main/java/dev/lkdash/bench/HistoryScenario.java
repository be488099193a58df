package dev.lkdash.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Scenario {@code history}: the read API over a stored history. Optionally loads the history
 * first through the webhook endpoint ({@code --history-events}; a million is loaded faster with
 * the bulk import of bench/run-history.sh), then times the reads one after another after a
 * warm-up, interleaved so that every endpoint sees the same conditions, and takes the live heap
 * (a class histogram's total, after a full GC). Figures the generator cannot see (boot-to-ready time, an empty instance's heap, the
 * events stored) come in as options and are checked against the targets too.
 */
final class HistoryScenario {

    /** What one read endpoint is measured against (issue 10's targets). */
    private record Endpoint(String name, double targetP99Ms) {
    }

    private static final Endpoint OVERVIEW = new Endpoint("/api/stats/overview?window=24h", 20);
    private static final Endpoint ROOMS = new Endpoint("/api/rooms", 5);
    private static final Endpoint FIRST_PAGE = new Endpoint("/api/sessions", 20);
    private static final Endpoint LATER_PAGE = new Endpoint("/api/sessions?cursor=…", 20);
    private static final Endpoint DETAIL = new Endpoint("/api/sessions/{sid}", 20);
    private static final List<Endpoint> ENDPOINTS = List.of(OVERVIEW, ROOMS, FIRST_PAGE, LATER_PAGE, DETAIL);
    static final double HEAP_TARGET_MIB = 50;
    static final double READY_TARGET_MS = 15_000;
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");
    /** Pages whose sids and cursors the reads pick from. */
    private static final int SAMPLED_PAGES = 20;

    private final Bench bench;
    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random = new Random(7);

    HistoryScenario(Bench bench) {
        this.bench = bench;
        this.o = bench.o;
    }

    Phase.Table run() throws Exception {
        Phase.Table table = new Phase.Table("history reads" + (o.label == null ? "" : " [" + o.label + "]"), List.of(
                new Phase.Column("endpoint", "endpoint", 32), new Phase.Column("requests", "requests", 8),
                new Phase.Column("p50ms", "p50 ms", 8), new Phase.Column("p95ms", "p95 ms", 8),
                new Phase.Column("p99ms", "p99 ms", 8), new Phase.Column("maxMs", "max ms", 8),
                new Phase.Column("targetP99ms", "target", 7), new Phase.Column("met", "met", 4),
                new Phase.Column("errors", "errors", 6)));
        if (o.historyEvents > 0) {
            table.notes.add(loadThroughWebhooks(o.historyEvents));
        }
        Sample sample = sample();
        // an empty instance (the heap baseline) has no session to page through or open
        List<Endpoint> endpoints = sample.sids.isEmpty() ? List.of(OVERVIEW, ROOMS, FIRST_PAGE) : ENDPOINTS;
        if (sample.sids.isEmpty()) {
            table.notes.add("no stored session: later pages and session details not read");
        }
        Map<Endpoint, Histogram> timings = new LinkedHashMap<>();
        Map<Endpoint, Integer> errors = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            timings.put(endpoint, Loop.newHistogram());
            errors.put(endpoint, 0);
        }
        for (int round = 0; round < o.historyWarmupRounds + o.historyRounds; round++) {
            boolean timed = round >= o.historyWarmupRounds;
            for (Endpoint endpoint : endpoints) {
                long began = System.nanoTime();
                int status = get(path(endpoint, sample)).statusCode();
                long micros = (System.nanoTime() - began) / 1000;
                if (!timed) {
                    continue;
                }
                timings.get(endpoint).recordValue(micros);
                if (status != 200) {
                    errors.merge(endpoint, 1, Integer::sum);
                }
            }
        }
        boolean allMet = true;
        for (Endpoint endpoint : endpoints) {
            Histogram h = timings.get(endpoint);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endpoint", endpoint.name);
            row.put("requests", h.getTotalCount());
            row.put("p50ms", Bench.ms(h, 50));
            row.put("p95ms", Bench.ms(h, 95));
            row.put("p99ms", Bench.ms(h, 99));
            row.put("maxMs", h.getMaxValue() / 1000.0);
            row.put("targetP99ms", endpoint.targetP99Ms);
            boolean met = Bench.ms(h, 99) < endpoint.targetP99Ms && errors.get(endpoint) == 0;
            row.put("met", met);
            row.put("errors", errors.get(endpoint));
            allMet &= met;
            table.add(row);
            if (errors.get(endpoint) > 0) {
                bench.failed = true;
                table.notes.add(endpoint.name + ": " + errors.get(endpoint) + " answers were not 200");
            }
        }
        Map<String, Object> instance = instance(sample);
        allMet &= !Boolean.FALSE.equals(instance.get("heapMet")) && !Boolean.FALSE.equals(instance.get("readyMet"));
        instance.put("allTargetsMet", allMet);
        table.rows.add(instance);
        instance.forEach((key, value) -> table.notes.add(key + ": " + Phase.Table.format(value)));
        return table;
    }

    /** The stored sessions the reads use (sids and cursors of the first pages), and how many there are. */
    private record Sample(List<String> sids, List<String> cursors, long sessionsCounted) {
    }

    private Sample sample() throws IOException, InterruptedException {
        List<String> sids = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        long counted = 0;
        int pages = 0;
        do {
            String body = get("/api/sessions?limit=500" + (cursor == null ? "" : "&cursor=" + encode(cursor))).body();
            Matcher sid = SID.matcher(body);
            while (sid.find()) {
                counted++;
                if (pages < SAMPLED_PAGES) {
                    sids.add(sid.group(1));
                }
            }
            Matcher next = CURSOR.matcher(body);
            cursor = next.find() ? next.group(1) : null;
            pages++;
        } while (cursor != null);
        // cursors of the default page size: a later page as the browser asks for it
        cursor = null;
        for (int page = 0; page < SAMPLED_PAGES; page++) {
            Matcher next = CURSOR.matcher(get("/api/sessions" + (cursor == null ? "" : "?cursor=" + encode(cursor))).body());
            if (!next.find()) {
                break;
            }
            cursor = next.group(1);
            cursors.add(cursor);
        }
        return new Sample(sids, cursors, counted);
    }

    private String path(Endpoint endpoint, Sample sample) {
        if (endpoint == LATER_PAGE) {
            return sample.cursors.isEmpty() ? FIRST_PAGE.name
                    : "/api/sessions?cursor=" + encode(sample.cursors.get(random.nextInt(sample.cursors.size())));
        }
        if (endpoint == DETAIL) {
            return "/api/sessions/" + encode(sample.sids.get(random.nextInt(sample.sids.size())));
        }
        return endpoint.name;
    }

    /** The instance figures: heap after a full GC against an empty instance's, boot-to-ready, what is stored. */
    private Map<String, Object> instance(Sample sample) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("endpoint", "instance");
        row.put("storedEvents", o.historyStoredEvents < 0 ? null : o.historyStoredEvents);
        row.put("storedSessions", sample.sessionsCounted);
        long heapKb = bench.probe.liveHeapKb();
        row.put("heapAfterFullGcMiB", heapKb < 0 ? null : heapKb / 1024.0);
        if (heapKb >= 0 && o.historyEmptyHeapKb >= 0) {
            double above = (heapKb - o.historyEmptyHeapKb) / 1024.0;
            row.put("emptyInstanceHeapMiB", o.historyEmptyHeapKb / 1024.0);
            row.put("heapAboveEmptyMiB", above);
            row.put("heapMet", above <= HEAP_TARGET_MIB);
        }
        if (o.historyReadyMillis >= 0) {
            row.put("bootToReadyMs", o.historyReadyMillis);
            row.put("readyMet", o.historyReadyMillis < READY_TARGET_MS);
        }
        return row;
    }

    /** Sends a generated history through the webhook endpoint, one at a time and in order, as LiveKit would. */
    private String loadThroughWebhooks(long events) throws Exception {
        SessionTraffic traffic = new SessionTraffic(events, System.currentTimeMillis(), 20 * 3_600_000L,
                System.currentTimeMillis());
        List<byte[]> bodies = new ArrayList<>();
        traffic.forEachRemaining(webhook -> bodies.add(webhook.body()));
        long began = System.nanoTime();
        WebhookSender.Result result = bench.sender.closedLoop(0, 1, Long.MAX_VALUE / 2,
                (phase, sendNanos, n) -> bodies.get((int) n), bodies.size()).get(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - began) / 1e9;
        if (result.accepted != bodies.size()) {
            throw new IllegalStateException("loading the history: " + result.accepted + " of " + bodies.size()
                    + " webhooks accepted (last answer " + result.lastRejection + ", I/O errors " + result.ioErrors + ")");
        }
        return String.format(Locale.ROOT, "loaded %d webhooks through the endpoint in %.1f s (%.0f/s, ack p99 %s ms)",
                result.accepted, seconds, result.accepted / seconds, Phase.Table.format(Bench.ms(result.ack, 99)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(SignIn.signedIn(HttpRequest.newBuilder(URI.create(o.url + path))).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
