package dev.lkdash.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The LiveKit dashboard benchmark: signed webhooks in, Server-Sent Events out, measured from
 * outside against a running instance. See docs/performance.md.
 */
public final class Bench {

    /** Time origin of the send times written into event ids. */
    static final long T0 = System.nanoTime();
    /** The phase whose messages are being counted; frames of other phases are ignored. */
    static volatile int phase;

    final Options o;
    final URI base;
    final InetSocketAddress server;
    final String host;
    final ServerProbe probe;
    final Loop[] loops;
    final Loop senderLoop;
    final WebhookSender sender;
    final StreamConn.Group group = new StreamConn.Group();
    final List<StreamConn> streams = new ArrayList<>();
    final List<InetAddress> sourceAddresses = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, Object> results = new LinkedHashMap<>();
    final Map<String, Object> scenarioResults = new LinkedHashMap<>();
    final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean failed;
    int nextPhase = 1;
    int streamIndex;

    Bench(Options o) throws IOException {
        this.o = o;
        this.base = URI.create(o.url);
        int port = base.getPort() < 0 ? 80 : base.getPort();
        this.server = new InetSocketAddress(InetAddress.getByName(base.getHost()), port);
        this.host = base.getHost() + ":" + port;
        long pid = o.serverPid > 0 ? o.serverPid : ServerProbe.findPid(port);
        this.probe = new ServerProbe(o.url.replaceAll("/$", ""), pid);
        this.loops = new Loop[o.ioThreads];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop("sse-reader-" + i);
            loops[i].start();
        }
        senderLoop = new Loop("webhook-sender");
        senderLoop.start();
        Fixtures fixtures = Fixtures.load(o.fixtures == null ? null : Path.of(o.fixtures));
        sender = new WebhookSender(senderLoop, new Signer(o.key, o.secret), fixtures, server, host);
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }
        SignIn.login(o);
        StreamConn.consecutiveIds = o.consecutiveIds;
        Bench bench = new Bench(o);
        int code = bench.run();
        System.exit(code);
    }

    int run() throws IOException {
        describe();
        for (String scenario : o.scenarios) {
            long started = System.nanoTime();
            System.out.printf(Locale.ROOT, "%n== %s%s ==%n", scenario, o.label == null ? "" : " [" + o.label + "]");
            try {
                Phase.Table table = switch (scenario) {
                    case "ingest" -> ingest("ingest");
                    case "persistence" -> ingest("persistence");
                    case "fanout" -> fanout();
                    case "capacity" -> capacity();
                    case "slow" -> slow();
                    case "history" -> new HistoryScenario(this).run();
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                };
                table.print(System.out);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("label", o.label);
                entry.put("seconds", (System.nanoTime() - started) / 1e9);
                entry.put("rows", table.rows);
                entry.put("notes", table.notes);
                scenarioResults.put(scenario, entry);
                for (String note : table.notes) {
                    System.out.println("  note: " + note);
                }
            } catch (Exception e) {
                failed = true;
                System.out.println("  FAILED: " + e);
                e.printStackTrace(System.out);
                scenarioResults.put(scenario, Map.of("error", e.toString()));
            } finally {
                closeStreams();
                settle();
            }
        }
        sender.closeAll();
        results.put("scenarios", scenarioResults);
        results.put("warnings", warnings);
        results.put("failed", failed);
        if (o.out != null) {
            Path out = Path.of(o.out);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, Json.write(results));
            System.out.println("\nresults written to " + out);
        }
        for (String w : warnings) {
            System.out.println("warning: " + w);
        }
        for (Loop loop : loops) {
            loop.stop();
        }
        senderLoop.stop();
        return failed ? 1 : 0;
    }

    // ------------------------------------------------------------------ setup and description

    void describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memTotalKb", readProc("/proc/meminfo", "MemTotal"));
        machine.put("cpuModel", readProc("/proc/cpuinfo", "model name"));
        machine.put("kernel", System.getProperty("os.version"));
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        gen.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        gen.put("ioThreads", o.ioThreads);
        long soft = ServerProbe.fdLimit(null);
        long hard = ServerProbe.fdHardLimit();
        gen.put("fdLimitSoft", soft);
        gen.put("fdLimitHard", hard);
        Map<String, Object> srv = new LinkedHashMap<>();
        srv.put("url", o.url);
        srv.put("pid", probe.pid);
        srv.put("fdLimit", probe.fdLimit());
        srv.put("commandLine", commandLine(probe.pid));
        results.put("tool", "lkdash-bench 1.0");
        results.put("startedAt", Instant.now().toString());
        results.put("label", o.label);
        results.put("smoke", o.smoke);
        results.put("args", String.join(" ", o.argsForRecord()));
        results.put("machine", machine);
        results.put("generator", gen);
        results.put("server", srv);
        System.out.printf(Locale.ROOT, "lkdash-bench against %s (server pid %s)%s%n", o.url,
                probe.pid < 0 ? "not found: no server CPU/RSS/heap figures" : probe.pid, o.smoke ? " -- SMOKE sizes" : "");
        System.out.printf(Locale.ROOT, "machine: %s cores, %s, %s RAM; generator on the same machine shares them%n",
                machine.get("nproc"), machine.get("cpuModel"), machine.get("memTotalKb"));
        System.out.printf(Locale.ROOT, "generator: %d SSE reader thread(s) + 1 webhook sender thread, open-file limit %d (hard %d)%n",
                o.ioThreads, soft, hard);
        int planned = 0;
        for (String sc : o.scenarios) {
            switch (sc) {
                case "capacity" -> planned = Math.max(planned, o.capacityStreams);
                case "fanout" -> planned = Math.max(planned, Arrays.stream(o.fanoutStreams).max().orElse(0));
                case "ingest", "persistence" -> planned = Math.max(planned, Arrays.stream(o.ingestStreams).max().orElse(0));
                case "slow" -> planned = Math.max(planned, o.slowOthers + 2);
                default -> {
                }
            }
        }
        gen.put("plannedMaxStreams", planned);
        if (soft >= 0 && soft - 200 < planned) {
            warn("open-file limit of the generator is " + soft + " (hard " + hard + "): at most about " + (soft - 200)
                    + " of the " + planned + " streams planned; raise it with `ulimit -n 200000` (needs a hard limit that high) before starting the bench and the server");
        }
        long sfd = probe.fdLimit();
        if (sfd >= 0 && sfd - 500 < planned) {
            warn("open-file limit of the server process is " + sfd + ": it cannot hold more than about " + (sfd - 500) + " streams");
        }
        if (probe.pid >= 0 && !probe.ready()) {
            warn(o.url + "/health/ready did not answer 200");
        }
        if (probe.metricsText() == null) {
            warn(o.url + "/metrics gave no Prometheus text: server-side counters (slow clients cut) unavailable");
        }
    }

    static String commandLine(long pid) {
        if (pid < 0) {
            return null;
        }
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ').trim();
        } catch (IOException e) {
            return null;
        }
    }

    static String readProc(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return null;
    }

    void warn(String message) {
        warnings.add(message);
        System.out.println("warning: " + message);
    }

    // ------------------------------------------------------------------ streams

    InetAddress sourceFor(int index) throws IOException {
        int perAddress = o.streamsPerSourceAddress;
        int which = index / perAddress;
        if (o.sourceAddresses <= 1 && which == 0) {
            return null;
        }
        while (sourceAddresses.size() <= which) {
            sourceAddresses.add(InetAddress.getByName("127.0.0." + (sourceAddresses.size() + 1)));
        }
        return sourceAddresses.get(which);
    }

    /** Opens streams until {@code target} are open (or refused/failed/time bound). */
    Map<String, Object> openStreams(int target, long boundMillis, List<long[]> checkpoints) throws IOException {
        long started = System.nanoTime();
        long deadline = started + boundMillis * 1_000_000L;
        int refusedBefore = group.refused.get();
        int failedBefore = group.failed.get();
        for (Loop loop : loops) {
            loop.await(() -> {
                loop.connect = Loop.newHistogram();
                return null;
            });
        }
        int startedConns = 0;
        int want = target - openCount();
        int nextCheckpoint = checkpoints == null ? Integer.MAX_VALUE : Math.max(1, target / 10);
        while (startedConns < want && System.nanoTime() < deadline) {
            int refusedNow = group.refused.get() - refusedBefore;
            int failedNow = group.failed.get() - failedBefore;
            if (refusedNow + failedNow >= o.stopAfterRefusals) {
                break;
            }
            int inFlight = inFlightConnects();
            if (inFlight >= o.maxPendingConnects) {
                sleep(1);
                continue;
            }
            int batch = Math.min(want - startedConns, o.maxPendingConnects - inFlight);
            for (int i = 0; i < batch; i++) {
                Loop loop = loops[streamIndex % loops.length];
                StreamConn c = new StreamConn(loop, group, server, sourceFor(streamIndex), host, null, 0);
                streamIndex++;
                streams.add(c);
                loop.execute(c::start);
                startedConns++;
                totalStarted++;
            }
            if (checkpoints != null && startedConns >= nextCheckpoint) {
                checkpoints.add(new long[]{(System.nanoTime() - started) / 1_000_000, openCount(), probe.rssKb()});
                nextCheckpoint += Math.max(1, target / 10);
            }
        }
        // wait for the last ones
        while (inFlightConnects() > 0 && System.nanoTime() < deadline + 30_000_000_000L) {
            sleep(5);
        }
        Histogram connect = Loop.newHistogram();
        for (Loop loop : loops) {
            connect.add(loop.await(() -> loop.connect.copy()));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requested", target);
        r.put("open", openCount());
        r.put("refused", group.refused.get() - refusedBefore);
        r.put("refusedStatus", group.lastRefusalStatus);
        r.put("failed", group.failed.get() - failedBefore);
        r.put("lastError", group.lastError);
        r.put("seconds", (System.nanoTime() - started) / 1e9);
        r.put("connectP50ms", connect.getTotalCount() == 0 ? null : connect.getValueAtPercentile(50) / 1000.0);
        r.put("connectP99ms", connect.getTotalCount() == 0 ? null : connect.getValueAtPercentile(99) / 1000.0);
        r.put("connectMaxMs", connect.getTotalCount() == 0 ? null : connect.getMaxValue() / 1000.0);
        return r;
    }

    /** Connections started and not yet settled (open, refused, failed). */
    int inFlightConnects() {
        int settled = group.connected.get() + group.refused.get() + group.failed.get();
        return totalStarted - settled;
    }

    int totalStarted;

    int openCount() {
        int open = 0;
        for (Loop loop : loops) {
            open += loop.await(() -> {
                int n = 0;
                for (StreamConn c : streams) {
                    if (c.loop == loop && c.isOpen()) {
                        n++;
                    }
                }
                return n;
            });
        }
        return open;
    }

    void closeStreams() {
        if (streams.isEmpty()) {
            return;
        }
        for (Loop loop : loops) {
            loop.await(() -> {
                for (StreamConn c : streams) {
                    if (c.loop == loop) {
                        c.closeQuietly();
                    }
                }
                return null;
            });
        }
        streams.clear();
        resetGroup();
    }

    void resetGroup() {
        group.connected.set(0);
        group.refused.set(0);
        group.failed.set(0);
        group.closedByServer.set(0);
        totalStarted = 0;
    }

    /** Closes streams beyond {@code keep}. */
    void trimStreams(int keep) {
        if (streams.size() <= keep) {
            return;
        }
        List<StreamConn> extra = new ArrayList<>(streams.subList(keep, streams.size()));
        for (Loop loop : loops) {
            loop.await(() -> {
                for (StreamConn c : extra) {
                    if (c.loop == loop) {
                        c.closeQuietly();
                    }
                }
                return null;
            });
        }
        streams.subList(keep, streams.size()).clear();
    }

    /** Makes sure exactly {@code n} streams are open (opening more or closing some). */
    Map<String, Object> ensureStreams(int n) throws IOException {
        // forget streams the server closed
        List<StreamConn> alive = new ArrayList<>();
        for (Loop loop : loops) {
            alive.addAll(loop.await(() -> {
                List<StreamConn> a = new ArrayList<>();
                for (StreamConn c : streams) {
                    if (c.loop == loop && c.isOpen()) {
                        a.add(c);
                    } else if (c.loop == loop) {
                        c.closeQuietly();
                    }
                }
                return a;
            }));
        }
        streams.clear();
        streams.addAll(alive);
        resetGroup();
        group.connected.set(alive.size());
        totalStarted = alive.size();
        trimStreams(n);
        group.connected.set(streams.size());
        totalStarted = streams.size();
        if (streams.size() >= n) {
            return Map.of("open", streams.size());
        }
        return openStreams(n, o.openBoundMillis, null);
    }

    // ------------------------------------------------------------------ phases

    /** Runs one load phase and measures what every stream received. */
    Map<String, Object> phase(String name, Supplier<CompletableFuture<WebhookSender.Result>> load, long boundMillis,
                              StreamConn excluded) throws Exception {
        int p = nextPhase++;
        for (Loop loop : loops) {
            loop.await(() -> {
                loop.delivery = Loop.newHistogram();
                loop.phaseReceived = 0;
                for (StreamConn c : streams) {
                    if (c.loop == loop) {
                        c.received = 0;
                        c.gaps = 0;
                        c.repeats = 0;
                    }
                }
                return null;
            });
        }
        phase = p;
        int closedBefore = group.closedByServer.get();
        int streamCount = streams.size();
        int excludedCount = (int) streams.stream().filter(c -> c.excluded).count();
        Cpu cpu = new Cpu();
        WebhookSender.Result r = load.get().get(boundMillis + 60_000, TimeUnit.MILLISECONDS);
        Map<String, Object> cpuFigures = cpu.stop();
        // drain: wait until every open stream got every accepted message, within a bound
        long drainDeadline = System.nanoTime() + o.drainMillis * 1_000_000L;
        long drainStart = System.nanoTime();
        while (System.nanoTime() < drainDeadline) {
            long pending = 0;
            for (Loop loop : loops) {
                pending += loop.await(() -> {
                    long x = 0;
                    for (StreamConn c : streams) {
                        if (c.loop == loop && !c.excluded && c.isOpen()) {
                            x += Math.max(0, r.accepted - c.received);
                        }
                    }
                    return x;
                });
            }
            if (pending == 0) {
                break;
            }
            sleep(50);
        }
        long drainMillis = (System.nanoTime() - drainStart) / 1_000_000;
        Histogram delivery = Loop.newHistogram();
        long[] totals = new long[6]; // received, lost, dup, open, gaps, repeats
        for (Loop loop : loops) {
            long[] t = loop.await(() -> {
                long[] x = new long[6];
                for (StreamConn c : streams) {
                    if (c.loop != loop || c.excluded) {
                        continue;
                    }
                    x[0] += c.received;
                    if (c.isOpen()) {
                        x[1] += Math.max(0, r.accepted - c.received);
                        x[2] += Math.max(0, c.received - r.accepted);
                        x[3]++;
                    }
                    x[4] += c.gaps;
                    x[5] += c.repeats;
                }
                return x;
            });
            for (int i = 0; i < 6; i++) {
                totals[i] += t[i];
            }
            delivery.add(loop.await(() -> loop.delivery.copy()));
        }
        phase = 0;
        double seconds = r.elapsedNanos / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("phase", name);
        row.put("streams", streamCount - excludedCount);
        row.put("sent", r.sent);
        row.put("accepted", r.accepted);
        row.put("acceptedPerSec", r.accepted / seconds);
        row.put("rejected", r.rejected);
        row.put("duplicates", r.duplicate);
        row.put("ioErrors", r.ioErrors);
        if (r.lastRejection != null) {
            row.put("lastRejection", r.lastRejection.length() > 200 ? r.lastRejection.substring(0, 200) : r.lastRejection);
        }
        row.put("seconds", seconds);
        row.put("ackP50ms", ms(r.ack, 50));
        row.put("ackP95ms", ms(r.ack, 95));
        row.put("ackP99ms", ms(r.ack, 99));
        row.put("ackMaxMs", r.ack.getTotalCount() == 0 ? null : r.ack.getMaxValue() / 1000.0);
        row.put("senderMaxBacklog", r.maxBacklog);
        row.put("deliveries", totals[0]);
        row.put("deliveriesPerSec", totals[0] / ((r.elapsedNanos + drainMillis * 1_000_000L) / 1e9));
        row.put("deliveryP50ms", ms(delivery, 50));
        row.put("deliveryP95ms", ms(delivery, 95));
        row.put("deliveryP99ms", ms(delivery, 99));
        row.put("deliveryMaxMs", delivery.getTotalCount() == 0 ? null : delivery.getMaxValue() / 1000.0);
        // lost: holes in a stream's message sequence; undelivered: not received by the end of the drain bound
        row.put("lost", StreamConn.consecutiveIds ? totals[4] : null);
        row.put("undelivered", totals[1]);
        row.put("extra", totals[2]);
        row.put("cutByServer", group.closedByServer.get() - closedBefore);
        row.put("streamsOpenAtEnd", totals[3]);
        row.put("idRepeats", StreamConn.consecutiveIds ? totals[5] : null);
        row.put("drainMs", drainMillis);
        row.putAll(cpuFigures);
        row.put("_acceptedNs", r.acceptedNs);
        System.out.printf(Locale.ROOT, "  .. %s: %.0f webhooks/s, %.0f deliveries/s, delivery p99 %s ms, server %s%% / generator %.0f%% CPU, other %s%%%n",
                name, r.accepted / seconds, (double) row.get("deliveriesPerSec"), Phase.Table.format(row.get("deliveryP99ms")),
                Phase.Table.format(row.get("serverCpuPct")), (double) row.get("generatorCpuPct"), Phase.Table.format(row.get("otherCpuPct")));
        if (r.accepted == 0) {
            failed = true;
            row.put("error", "no webhook accepted (last answer: " + r.lastRejection + ", io errors " + r.ioErrors + ")");
        }
        return row;
    }

    static Double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? null : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** CPU of the generator (process and its I/O threads), the server process and the machine over a window. */
    final class Cpu {
        final long wall = System.nanoTime();
        final long genCpu = os.getProcessCpuTime();
        final long[] threadCpu = threadCpu();
        final long serverCpu = probe.cpuMillis();
        final long[] machine = ServerProbe.machineJiffies();

        long[] threadCpu() {
            long[] t = new long[loops.length + 1];
            for (int i = 0; i < loops.length; i++) {
                t[i] = threads.getThreadCpuTime(loops[i].thread.getId());
            }
            t[loops.length] = threads.getThreadCpuTime(senderLoop.thread.getId());
            return t;
        }

        Map<String, Object> stop() {
            double wallMs = (System.nanoTime() - wall) / 1e6;
            long[] t = threadCpu();
            double maxThread = 0;
            for (int i = 0; i < t.length; i++) {
                maxThread = Math.max(maxThread, (t[i] - threadCpu[i]) / 1e6 / wallMs);
            }
            double gen = (os.getProcessCpuTime() - genCpu) / 1e6 / wallMs;
            long s = probe.cpuMillis();
            long[] m = ServerProbe.machineJiffies();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("serverCpuPct", serverCpu < 0 || s < 0 ? null : 100.0 * (s - serverCpu) / wallMs);
            r.put("generatorCpuPct", 100.0 * gen);
            r.put("generatorBusiestThreadPct", 100.0 * maxThread);
            double machineBusy = m[1] > machine[1] ? 100.0 * (m[0] - machine[0]) / (m[1] - machine[1]) : -1;
            r.put("machineBusyPct", machineBusy);
            Object srv = r.get("serverCpuPct");
            if (machineBusy >= 0 && srv instanceof Double sv) {
                // what neither the server nor the generator used: other work on the machine (builds, tests)
                r.put("otherCpuPct", Math.max(0, machineBusy * Runtime.getRuntime().availableProcessors() - sv - 100.0 * gen));
            }
            boolean saturated = maxThread > 0.9;
            r.put("generatorSaturated", saturated);
            if (saturated) {
                r.put("generatorNote", "a generator I/O thread was busy > 90% of the time: figures may be bounded by the generator");
            }
            return r;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long seconds(double s) {
        return (long) (s * 1e9);
    }

    // ------------------------------------------------------------------ scenarios

    Phase.Table ingest(String scenario) throws Exception {
        Phase.Table t = Phase.Table.ingest(scenario + (o.label == null ? "" : " [" + o.label + "]"));
        if (o.warmupSeconds > 0 && !warmedUp) {
            warmedUp = true;
            System.out.printf(Locale.ROOT, "  warm-up: %s s at concurrency 16, no streams%n", o.warmupSeconds);
            ensureStreams(0);
            Map<String, Object> w = phase("warm-up", () -> sender.closedLoop(nextPhase - 1, 16, seconds(o.warmupSeconds), o.ingestRoomOrder),
                    (long) (o.warmupSeconds * 1000), null);
            t.notes.add(String.format(Locale.ROOT, "warm-up: %d webhooks in %.0f s (not in the table)", w.get("accepted"), o.warmupSeconds));
        }
        for (int n : o.ingestStreams) {
            Map<String, Object> opened = ensureStreams(n);
            if (((Number) opened.get("open")).intValue() < n) {
                t.notes.add("only " + opened.get("open") + " of " + n + " streams opened: " + opened);
            }
            for (int c : o.ingestConcurrency) {
                final int conc = c;
                Map<String, Object> row = phase("streams=" + n + " conc=" + c,
                        () -> sender.closedLoop(nextPhase - 1, conc, seconds(o.phaseSeconds), o.ingestRoomOrder), (long) (o.phaseSeconds * 1000), null);
                row.put("concurrency", c);
                t.add(row);
                if (((Number) row.get("undelivered")).longValue() > 0 || ((Number) row.get("cutByServer")).intValue() > 0) {
                    closeStreams();
                    settle();
                    ensureStreams(n);
                }
            }
        }
        return t;
    }

    boolean warmedUp;

    /**
     * Waits until the server no longer counts streams this generator has closed (it notices a
     * closed stream only at its next write) and its CPU is back near idle, so that one cell's
     * backlog does not load the next. Bounded to 60 s.
     */
    void settle() {
        long until = System.nanoTime() + 60_000_000_000L;
        int open = streams.isEmpty() ? 0 : openCount();
        while (System.nanoTime() < until) {
            double serverStreams = probe.metric("dashboard_sse_connections", null);
            long cpu0 = probe.cpuMillis();
            sleep(500);
            long cpu = probe.cpuMillis() - cpu0;
            if ((serverStreams < 0 || serverStreams <= open) && (cpu0 < 0 || cpu < 150)) {
                return;
            }
        }
        warn("the server had not settled after 60 s (streams still counted or CPU busy): the next figures include that work");
    }

    /** JIT warm-up of the server's webhook and stream paths, once per run (not in the tables). */
    void warmUp(Phase.Table t) throws Exception {
        if (warmedUp || o.warmupSeconds <= 0) {
            return;
        }
        warmedUp = true;
        int n = o.smoke ? 5 : 100;
        System.out.printf(Locale.ROOT, "  warm-up: %s s at 500 webhooks/s with %d streams%n", o.warmupSeconds, n);
        ensureStreams(n);
        Map<String, Object> w = phase("warm-up", () -> sender.openLoop(nextPhase - 1, 500, o.maxInFlight, seconds(o.warmupSeconds)),
                (long) (o.warmupSeconds * 1000), null);
        t.notes.add(String.format(Locale.ROOT, "warm-up: %d webhooks to %d streams in %.0f s (not in the table)",
                w.get("accepted"), n, o.warmupSeconds));
    }

    Phase.Table fanout() throws Exception {
        Phase.Table t = Phase.Table.fanout();
        warmUp(t);
        for (int n : o.fanoutStreams) {
            Map<String, Object> opened = ensureStreams(n);
            if (((Number) opened.get("open")).intValue() < n) {
                t.notes.add("only " + opened.get("open") + " of " + n + " streams opened: " + opened);
            }
            for (int rate : o.fanoutRates) {
                if (streams.size() < n / 2) {
                    break;
                }
                final double rt = rate;
                Map<String, Object> row = phase("streams=" + n + " rate=" + rate,
                        () -> sender.openLoop(nextPhase - 1, rt, o.maxInFlight, seconds(o.phaseSeconds)), (long) (o.phaseSeconds * 1000), null);
                row.put("rate", rate);
                t.add(row);
                if (((Number) row.get("undelivered")).longValue() > 0 || ((Number) row.get("cutByServer")).intValue() > 0) {
                    // the server still works off this cell's backlog: start the next one from scratch
                    closeStreams();
                    settle();
                }
                ensureStreams(n);
            }
        }
        return t;
    }

    Phase.Table capacity() throws Exception {
        Phase.Table t = Phase.Table.capacity();
        closeStreams();
        int target = o.capacityStreams;
        long soft = ServerProbe.fdLimit(null);
        if (soft > 0 && target > soft - 300) {
            t.notes.add("target " + target + " lowered to " + (soft - 300) + ": the generator's open-file limit is " + soft);
            target = (int) (soft - 300);
        }
        long serverLimit = probe.fdLimit();
        long serverOpen = probe.openFiles();
        if (serverLimit > 0 && serverOpen > 0 && target > serverLimit - serverOpen - 100) {
            int lowered = (int) (serverLimit - serverOpen - 100);
            t.notes.add("target " + target + " lowered to " + lowered + ": the server process may open " + serverLimit
                    + " files and already has " + serverOpen + " open");
            target = lowered;
        }
        if (o.sourceAddresses <= 1 && target > o.streamsPerSourceAddress) {
            t.notes.add("more than " + o.streamsPerSourceAddress + " streams: binding to source addresses 127.0.0.1.."
                    + (1 + target / o.streamsPerSourceAddress) + " (loopback has ~28k ephemeral ports per source address)");
        }
        // streams of earlier scenarios are only noticed gone at the server's next write (heartbeat)
        long settleUntil = System.nanoTime() + 60_000_000_000L;
        double serverStreams;
        while ((serverStreams = probe.metric("dashboard_sse_connections", null)) > 0 && System.nanoTime() < settleUntil) {
            sleep(500);
        }
        if (serverStreams > 0) {
            t.notes.add("the server still counted " + (long) serverStreams + " streams from earlier scenarios: baseline figures include them");
        }
        System.out.printf(Locale.ROOT, "  baseline: heap after full GC, RSS, idle CPU over %.0f s%n", o.baselineSeconds);
        long heap0 = probe.heapAfterGcKb();
        long rss0 = probe.rssKb();
        long threads0 = probe.threads();
        Cpu idle0 = new Cpu();
        sleep((long) (o.baselineSeconds * 1000));
        Map<String, Object> baseCpu = idle0.stop();
        System.out.printf(Locale.ROOT, "  opening %d idle streams, at most %d connecting at once%n", target, o.maxPendingConnects);
        List<long[]> checkpoints = new ArrayList<>();
        Cpu openCpu = new Cpu();
        Map<String, Object> opened = openStreams(target, o.capacityBoundMillis, checkpoints);
        Map<String, Object> openCpuFigures = openCpu.stop();
        int held = openCount();
        long rss1 = probe.rssKb();
        long threads1 = probe.threads();
        System.out.printf(Locale.ROOT, "  %d open; idle window of %.0f s (heartbeats counted)%n", held, o.idleSeconds);
        long hb0 = heartbeats();
        int closedBefore = group.closedByServer.get();
        Cpu idle = new Cpu();
        sleep((long) (o.idleSeconds * 1000));
        Map<String, Object> idleCpu = idle.stop();
        long hb = heartbeats() - hb0;
        long heap1 = probe.heapAfterGcKb();
        int stillOpen = openCount();
        Map<String, Object> row = new LinkedHashMap<>(opened);
        row.put("held", held);
        row.put("stillOpenAfterIdle", stillOpen);
        row.put("heapBaselineKb", heap0);
        row.put("heapKb", heap1);
        row.put("heapPerStreamKiB", heap0 < 0 || heap1 < 0 || held == 0 ? null : (double) (heap1 - heap0) / held);
        row.put("rssBaselineKb", rss0);
        row.put("rssKb", rss1);
        row.put("rssPerStreamKiB", rss0 < 0 || rss1 < 0 || held == 0 ? null : (double) (rss1 - rss0) / held);
        row.put("serverThreadsBefore", threads0);
        row.put("serverThreadsAfter", threads1);
        row.put("serverCpuOpeningPct", openCpuFigures.get("serverCpuPct"));
        row.put("generatorCpuOpeningPct", openCpuFigures.get("generatorCpuPct"));
        row.put("generatorBusiestThreadOpeningPct", openCpuFigures.get("generatorBusiestThreadPct"));
        row.put("idleSeconds", o.idleSeconds);
        row.put("heartbeatsReceived", hb);
        row.put("serverCpuIdleBaselinePct", baseCpu.get("serverCpuPct"));
        row.put("serverCpuIdlePct", idleCpu.get("serverCpuPct"));
        Object base = baseCpu.get("serverCpuPct");
        Object withStreams = idleCpu.get("serverCpuPct");
        if (base instanceof Double b && withStreams instanceof Double w && hb > 0) {
            double extraCpuMs = (w - b) / 100.0 * o.idleSeconds * 1000;
            row.put("serverCpuPerHeartbeatUs", Math.max(0, extraCpuMs * 1000 / hb));
        }
        row.put("generatorCpuIdlePct", idleCpu.get("generatorCpuPct"));
        List<Map<String, Object>> cps = new ArrayList<>();
        for (long[] cp : checkpoints) {
            cps.add(Map.of("ms", cp[0], "open", cp[1], "rssKb", cp[2]));
        }
        row.put("checkpoints", cps);
        if (hb == 0) {
            t.notes.add("no heartbeat arrived in the idle window: start the server with a short DASHBOARD_SSE_HEARTBEAT_SECONDS (e.g. 5) to measure heartbeat CPU");
        }
        t.add(row);
        closeStreams();
        return t;
    }

    long heartbeats() {
        long sum = 0;
        for (Loop loop : loops) {
            sum += loop.await(() -> {
                long s = 0;
                for (StreamConn c : streams) {
                    if (c.loop == loop) {
                        s += c.heartbeats;
                    }
                }
                return s;
            });
        }
        return sum;
    }

    Phase.Table slow() throws Exception {
        Phase.Table t = Phase.Table.slow();
        warmUp(t);
        closeStreams();
        ensureStreams(o.slowOthers);
        double rate = o.slowRate;
        Map<String, Object> a = phase("without slow client",
                () -> sender.openLoop(nextPhase - 1, rate, o.maxInFlight, seconds(o.slowSeconds)), (long) (o.slowSeconds * 1000), null);
        t.add(a);
        // the slow one: a tiny receive buffer, stops reading after a few messages
        Loop loop = loops[0];
        BitSet seen = new BitSet();
        StreamConn slow = new StreamConn(loop, group, server, null, host, null, 4096);
        slow.pauseAfter = o.smoke ? 5 : 20;
        slow.seen = seen;
        slow.excluded = true;
        streams.add(slow);
        totalStarted++;
        loop.execute(slow::start);
        long waitUntil = System.nanoTime() + 10_000_000_000L;
        while (!loop.await(slow::isOpen) && System.nanoTime() < waitUntil) {
            sleep(5);
        }
        double droppedBefore = probe.metric("dashboard_sse_clients_dropped_total", "slow");
        final int p = nextPhase;
        CompletableFuture<Map<String, Object>> phaseB = CompletableFuture.supplyAsync(() -> {
            try {
                return phase("with slow client", () -> sender.openLoop(p, rate, o.maxInFlight, seconds(o.slowSeconds)),
                        (long) (o.slowSeconds * 1000), slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        double dropped = droppedBefore;
        boolean cut = false;
        long resumeLag = o.slowResumeLag > 0 ? o.slowResumeLag : Long.MAX_VALUE;
        long phaseEnd = start + seconds(o.slowSeconds) - 1_000_000_000L;
        while (System.nanoTime() < phaseEnd) {
            sleep(200);
            dropped = probe.metric("dashboard_sse_clients_dropped_total", "slow");
            if (droppedBefore >= 0 && dropped > droppedBefore) {
                cut = true;
                break;
            }
            long behind = sender.sentSoFar - loop.await(() -> slow.received);
            if (behind > resumeLag) {
                break; // resume while the replay journal still holds what it missed
            }
        }
        long cutAfterMs = (System.nanoTime() - start) / 1_000_000;
        String lastId = loop.await(() -> {
            slow.closeQuietly();
            return slow.lastEventId();
        });
        long receivedBeforeCut = loop.await(() -> slow.received);
        StreamConn resumed = new StreamConn(loop, group, server, null, host, lastId, 0);
        resumed.seen = seen;
        resumed.excluded = true;
        streams.add(resumed);
        totalStarted++;
        loop.execute(resumed::start);
        Map<String, Object> b = phaseB.get((long) (o.slowSeconds * 1000) + o.drainMillis + 120_000, TimeUnit.MILLISECONDS);
        // let the resumed stream catch up on the replay
        BitSet accepted = (BitSet) b.get("_acceptedNs");
        long until = System.nanoTime() + o.drainMillis * 1_000_000L;
        BitSet missing = new BitSet();
        while (System.nanoTime() < until) {
            missing = loop.await(() -> {
                BitSet m = (BitSet) accepted.clone();
                m.andNot(seen);
                return m;
            });
            if (missing.isEmpty()) {
                break;
            }
            sleep(50);
        }
        long resumedSystemFrames = loop.await(() -> resumed.systemFrames);
        b.put("slowClientCutByServer", cut);
        b.put("slowClientCutAfterMs", cut ? cutAfterMs : null);
        b.put("slowClientsDroppedMetric", dropped < 0 ? null : dropped - droppedBefore);
        b.put("slowClientReceivedBeforeCut", receivedBeforeCut);
        b.put("slowClientResumedFrom", lastId);
        b.put("slowClientBehindAtResume", sender.sentSoFar - receivedBeforeCut);
        b.put("slowClientMissingAfterResume", missing.cardinality());
        b.put("slowClientResyncOrErrorFrames", Math.max(0, resumedSystemFrames - 1));
        b.put("othersP99ChangeMs", a.get("deliveryP99ms") instanceof Double x && b.get("deliveryP99ms") instanceof Double y ? y - x : null);
        t.add(b);
        if (!cut) {
            t.notes.add(droppedBefore < 0
                    ? "the server's /metrics could not be read: the cut was not observed; the client resumed after " + cutAfterMs + " ms anyway"
                    : "the slow client was not cut within " + cutAfterMs + " ms (" + (resumeLag == Long.MAX_VALUE ? ""
                    : "it resumes once " + resumeLag + " messages behind, or ") + "1 s before the phase ends); it resumed anyway");
        }
        if (lastId == null) {
            t.notes.add("the slow client had read no message before it stopped: resume could not be tested");
        }
        return t;
    }
}
