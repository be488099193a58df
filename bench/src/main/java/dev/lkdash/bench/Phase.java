package dev.lkdash.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Result tables: one row per phase, printed as text and kept for the JSON file. */
final class Phase {

    private Phase() {
    }

    record Column(String key, String header, int width) {
    }

    static final class Table {
        final String title;
        final List<Column> columns;
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Table(String title, List<Column> columns) {
            this.title = title;
            this.columns = columns;
        }

        void add(Map<String, Object> row) {
            Map<String, Object> clean = new LinkedHashMap<>();
            row.forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    clean.put(k, v);
                }
            });
            rows.add(clean);
        }

        static Table ingest(String title) {
            return new Table(title, List.of(
                    new Column("streams", "streams", 7), new Column("concurrency", "conc", 5),
                    new Column("accepted", "accepted", 9), new Column("acceptedPerSec", "webhooks/s", 10),
                    new Column("rejected", "rej", 4), new Column("ackP50ms", "ack p50", 8), new Column("ackP95ms", "ack p95", 8),
                    new Column("ackP99ms", "ack p99", 8), new Column("deliveriesPerSec", "deliv/s", 9),
                    new Column("deliveryP50ms", "dlv p50", 8), new Column("deliveryP99ms", "dlv p99", 8),
                    new Column("deliveryMaxMs", "dlv max", 8), new Column("lost", "lost", 5), new Column("undelivered", "late", 7),
                    new Column("cutByServer", "cut", 5),
                    new Column("serverCpuPct", "srv cpu%", 8), new Column("generatorCpuPct", "gen cpu%", 8),
                    new Column("generatorBusiestThreadPct", "gen thr%", 8), new Column("otherCpuPct", "other%", 6)));
        }

        static Table fanout() {
            return new Table("fan-out latency", List.of(
                    new Column("streams", "streams", 7), new Column("rate", "rate/s", 7),
                    new Column("accepted", "accepted", 9), new Column("acceptedPerSec", "webhooks/s", 10),
                    new Column("deliveries", "delivered", 10), new Column("deliveriesPerSec", "deliv/s", 9),
                    new Column("deliveryP50ms", "p50 ms", 8), new Column("deliveryP95ms", "p95 ms", 8),
                    new Column("deliveryP99ms", "p99 ms", 8), new Column("deliveryMaxMs", "max ms", 8),
                    new Column("lost", "lost", 5), new Column("undelivered", "late", 8), new Column("cutByServer", "cut", 5),
                    new Column("serverCpuPct", "srv cpu%", 8), new Column("generatorCpuPct", "gen cpu%", 8),
                    new Column("generatorBusiestThreadPct", "gen thr%", 8), new Column("otherCpuPct", "other%", 6)));
        }

        static Table capacity() {
            return new Table("capacity (idle streams)", List.of(
                    new Column("requested", "target", 7), new Column("held", "held", 7),
                    new Column("refused", "refused", 7), new Column("failed", "failed", 6),
                    new Column("seconds", "open s", 7),
                    new Column("connectP50ms", "conn p50", 9), new Column("connectP99ms", "conn p99", 9),
                    new Column("heapPerStreamKiB", "heap KiB/str", 12), new Column("rssPerStreamKiB", "RSS KiB/str", 11),
                    new Column("serverThreadsAfter", "srv thr", 7),
                    new Column("serverCpuIdlePct", "idle cpu%", 9), new Column("heartbeatsReceived", "heartbeats", 10),
                    new Column("serverCpuPerHeartbeatUs", "us/heartbeat", 12), new Column("stillOpenAfterIdle", "still open", 10)));
        }

        static Table slow() {
            return new Table("slow consumer", List.of(
                    new Column("phase", "phase", 20), new Column("streams", "others", 6),
                    new Column("acceptedPerSec", "webhooks/s", 10),
                    new Column("deliveryP50ms", "p50 ms", 8), new Column("deliveryP99ms", "p99 ms", 8),
                    new Column("deliveryMaxMs", "max ms", 8), new Column("lost", "lost", 5), new Column("undelivered", "late", 6),
                    new Column("slowClientCutByServer", "slow cut", 8), new Column("slowClientCutAfterMs", "cut ms", 7),
                    new Column("slowClientMissingAfterResume", "missing", 7),
                    new Column("slowClientResyncOrErrorFrames", "resync", 6),
                    new Column("serverCpuPct", "srv cpu%", 8), new Column("generatorCpuPct", "gen cpu%", 8),
                    new Column("otherCpuPct", "other%", 6)));
        }

        void print(PrintStream out) {
            StringBuilder line = new StringBuilder();
            for (Column c : columns) {
                line.append(String.format(Locale.ROOT, "%" + c.width + "s ", c.header));
            }
            out.println(line.toString().stripTrailing());
            for (Map<String, Object> row : rows) {
                line.setLength(0);
                for (Column c : columns) {
                    line.append(String.format(Locale.ROOT, "%" + c.width + "s ", format(row.get(c.key))));
                }
                out.println(line.toString().stripTrailing());
                Object err = row.get("error");
                if (err != null) {
                    out.println("    error: " + err);
                }
                if (Boolean.TRUE.equals(row.get("generatorSaturated"))) {
                    out.println("    ^ generator saturated: " + row.get("generatorNote"));
                }
            }
        }

        static String format(Object v) {
            if (v == null) {
                return "n/a";
            }
            if (v instanceof Double d) {
                if (d < 0) {
                    return "n/a";
                }
                return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
            }
            if (v instanceof Boolean b) {
                return b ? "yes" : "no";
            }
            return v.toString();
        }
    }
}
