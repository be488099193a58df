package dev.lkdash.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options; --smoke switches every size to a few-seconds version. */
final class Options {

    static final String USAGE = """
            usage: java -jar bench/target/lkdash-bench.jar --url http://localhost:8080 --key KEY --secret SECRET
                   [--scenario all|ingest,fanout,capacity,slow,persistence,history] [--smoke] [--label NAME]
                   [--out bench/results/NAME.json] [--server-pid PID]

              --url URL                 dashboard base URL (default http://localhost:8080)
              --key, --secret           the dashboard's LIVEKIT_API_KEY / LIVEKIT_API_SECRET (or env LIVEKIT_API_KEY/SECRET)
              --user, --password        the dashboard's admin sign-in for the stream and the read API (default admin, env
                                        DASHBOARD_AUTH_ADMIN_PASSWORD; none: the server must have sign-in off)
              --scenario LIST           all = ingest,fanout,capacity,slow; persistence = ingest labelled with --label;
                                        history = the read API over a stored history (see --history-*)
              --smoke                   tiny sizes, a few seconds per scenario (CI), no thresholds
              --label NAME              recorded with the results (e.g. h2, postgres for scenario 5)
              --out FILE                JSON results
              --server-pid PID          server process for CPU/RSS/heap (default: the process listening on the URL's port)
              --io-threads N            SSE reader threads (default 1)
              --phase-seconds S         length of each load phase (default 10; smoke 1)
              --warmup-seconds S        ingest warm-up (default 10; smoke 1)
              --drain-ms MS             how long to wait for deliveries after a phase (default 10000)
              --ingest-streams LIST     default 0,100,1000
              --ingest-concurrency LIST default 1,16,64
              --ingest-order rooms|any  rooms (default): each of the connections in flight sends one room's
                                        webhooks in order, as LiveKit's notifier does (one at a time per room);
                                        any: the webhooks in flight belong to one or two sessions and arrive
                                        in any order (a harder case: most take the full derivation)
              --fanout-streams LIST     default 100,1000,10000
              --fanout-rates LIST       webhooks/s, default 10,100,1000
              --max-in-flight N         open-loop webhook concurrency bound (default 64)
              --capacity-streams N      default 50000 (lowered to the open-file limits, with a note)
              --capacity-bound-s S      time bound for opening them (default 300)
              --idle-seconds S          idle window for heartbeat CPU (default 30)
              --max-pending-connects N  connects in flight at once (default 500)
              --source-addresses N      bind streams to 127.0.0.1..N (default: one more per --streams-per-address)
              --streams-per-address N   default 25000 (loopback: ~28k ephemeral ports per source address)
              --slow-others N           default 100;  --slow-rate R (default 1000/s);  --slow-seconds S (default 30)
              --replay-size N           the server's dashboard.sse.replay-size (default 10000)
              --ids consecutive|stream-entry
                                        the server's message ids: consecutive (dashboard.bus=local, default), or
                                        Redis stream entry ids (dashboard.bus=redis), which have gaps: then holes in
                                        a stream are not counted ("lost" is null); "undelivered" still is
              --slow-resume-lag N       resume the slow client once N messages behind even if not cut (default: wait for the cut)
              --fixtures DIR            webhook bodies (default: the repository's fixtures, bundled in the jar)
              --history-events N        history: first load about N generated webhooks through the endpoint (default 0: read
                                        what is stored; smoke 700: 12 sessions)
              --history-rounds N        history: timed rounds, one request per endpoint each (default 2000; smoke 50)
              --history-warmup-rounds N history: rounds before timing (default 500; smoke 10)
              --history-stored-events N, --history-ready-ms MS, --history-empty-heap-kb KB
                                        history: figures measured outside (bench/run-history.sh), recorded and checked
            """;

    String url = "http://localhost:8080";
    String key = System.getenv("LIVEKIT_API_KEY");
    String secret = System.getenv("LIVEKIT_API_SECRET");
    String user = "admin";
    String password = System.getenv("DASHBOARD_AUTH_ADMIN_PASSWORD");
    List<String> scenarios = List.of("ingest", "fanout", "capacity", "slow");
    boolean smoke;
    boolean help;
    String label;
    String out;
    long serverPid = -1;
    int ioThreads = 1;
    double phaseSeconds = 10;
    double warmupSeconds = 10;
    long drainMillis = 10_000;
    int[] ingestStreams = {0, 100, 1000};
    /** Each ingest connection sends one room's webhooks in order, as LiveKit does; false: any order. */
    boolean ingestRoomOrder = true;
    int[] ingestConcurrency = {1, 16, 64};
    int[] fanoutStreams = {100, 1000, 10000};
    int[] fanoutRates = {10, 100, 1000};
    int maxInFlight = 64;
    int capacityStreams = 50_000;
    long capacityBoundMillis = 300_000;
    double idleSeconds = 30;
    double baselineSeconds = 10;
    int maxPendingConnects = 500;
    int stopAfterRefusals = 50;
    int sourceAddresses = 1;
    int streamsPerSourceAddress = 25_000;
    int slowOthers = 100;
    double slowRate = 1000;
    double slowSeconds = 30;
    int replaySize = 10_000;
    boolean consecutiveIds = true;
    long slowResumeLag;
    long openBoundMillis = 120_000;
    String fixtures;
    long historyEvents;
    int historyRounds = 2000;
    int historyWarmupRounds = 500;
    long historyStoredEvents = -1;
    long historyReadyMillis = -1;
    long historyEmptyHeapKb = -1;
    private final List<String> given = new ArrayList<>();

    static Options parse(String[] args) {
        Options o = new Options();
        boolean smoke = Arrays.asList(args).contains("--smoke");
        if (smoke) {
            o.smoke = true;
            o.phaseSeconds = 1;
            o.warmupSeconds = 1;
            o.drainMillis = 3000;
            o.ingestStreams = new int[]{0, 5};
            o.ingestConcurrency = new int[]{1, 4};
            o.fanoutStreams = new int[]{5, 20};
            o.fanoutRates = new int[]{10, 100};
            o.capacityStreams = 200;
            o.capacityBoundMillis = 20_000;
            o.idleSeconds = 2;
            o.baselineSeconds = 1;
            o.slowOthers = 5;
            o.slowRate = 200;
            o.slowSeconds = 3;
            o.historyEvents = 700;
            o.historyRounds = 50;
            o.historyWarmupRounds = 10;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--smoke")) {
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            o.given.add(a);
            o.given.add(a.equals("--secret") || a.equals("--password") ? "***" : v);
            switch (a) {
                case "--url" -> o.url = v.replaceAll("/$", "");
                case "--key" -> o.key = v;
                case "--secret" -> o.secret = v;
                case "--user" -> o.user = v;
                case "--password" -> o.password = v;
                case "--scenario", "--scenarios" -> o.scenarios = v.equals("all")
                        ? List.of("ingest", "fanout", "capacity", "slow") : List.of(v.split(","));
                case "--label" -> o.label = v;
                case "--out" -> o.out = v;
                case "--server-pid" -> o.serverPid = Long.parseLong(v);
                case "--io-threads" -> o.ioThreads = Integer.parseInt(v);
                case "--phase-seconds" -> o.phaseSeconds = Double.parseDouble(v);
                case "--warmup-seconds" -> o.warmupSeconds = Double.parseDouble(v);
                case "--drain-ms" -> o.drainMillis = Long.parseLong(v);
                case "--ingest-streams" -> o.ingestStreams = ints(v);
                case "--ingest-order" -> o.ingestRoomOrder = switch (v) {
                    case "rooms" -> true;
                    case "any" -> false;
                    default -> throw new IllegalArgumentException("--ingest-order is rooms or any");
                };
                case "--ingest-concurrency" -> o.ingestConcurrency = ints(v);
                case "--fanout-streams" -> o.fanoutStreams = ints(v);
                case "--fanout-rates" -> o.fanoutRates = ints(v);
                case "--max-in-flight" -> o.maxInFlight = Integer.parseInt(v);
                case "--capacity-streams" -> o.capacityStreams = Integer.parseInt(v);
                case "--capacity-bound-s" -> o.capacityBoundMillis = Long.parseLong(v) * 1000;
                case "--idle-seconds" -> o.idleSeconds = Double.parseDouble(v);
                case "--baseline-seconds" -> o.baselineSeconds = Double.parseDouble(v);
                case "--max-pending-connects" -> o.maxPendingConnects = Integer.parseInt(v);
                case "--source-addresses" -> o.sourceAddresses = Integer.parseInt(v);
                case "--streams-per-address" -> o.streamsPerSourceAddress = Integer.parseInt(v);
                case "--slow-others" -> o.slowOthers = Integer.parseInt(v);
                case "--slow-rate" -> o.slowRate = Double.parseDouble(v);
                case "--slow-seconds" -> o.slowSeconds = Double.parseDouble(v);
                case "--replay-size" -> o.replaySize = Integer.parseInt(v);
                case "--ids" -> o.consecutiveIds = switch (v) {
                    case "consecutive" -> true;
                    case "stream-entry" -> false;
                    default -> throw new IllegalArgumentException("--ids is consecutive or stream-entry");
                };
                case "--slow-resume-lag" -> o.slowResumeLag = Long.parseLong(v);
                case "--fixtures" -> o.fixtures = v;
                case "--history-events" -> o.historyEvents = Long.parseLong(v);
                case "--history-rounds" -> o.historyRounds = Integer.parseInt(v);
                case "--history-warmup-rounds" -> o.historyWarmupRounds = Integer.parseInt(v);
                case "--history-stored-events" -> o.historyStoredEvents = Long.parseLong(v);
                case "--history-ready-ms" -> o.historyReadyMillis = Long.parseLong(v);
                case "--history-empty-heap-kb" -> o.historyEmptyHeapKb = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!o.help && (o.key == null || o.secret == null)) {
            throw new IllegalArgumentException("--key and --secret (or LIVEKIT_API_KEY / LIVEKIT_API_SECRET) are required");
        }
        if (o.sourceAddresses > 1) {
            o.streamsPerSourceAddress = Math.min(o.streamsPerSourceAddress,
                    (int) Math.ceil((double) o.capacityStreams / o.sourceAddresses));
        }
        return o;
    }

    List<String> argsForRecord() {
        List<String> r = new ArrayList<>(given);
        if (smoke) {
            r.add(0, "--smoke");
        }
        return r;
    }

    private static int[] ints(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
