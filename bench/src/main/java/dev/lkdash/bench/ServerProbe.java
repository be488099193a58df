package dev.lkdash.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the generator can see of the server: its process (found by the listening port, or given
 * with --server-pid) through /proc and jcmd, and its /metrics. Every reading may be unavailable
 * (another machine, no permission): then it is -1 and reported as n/a.
 */
final class ServerProbe {

    final String baseUrl;
    final long pid;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    ServerProbe(String baseUrl, long pid) {
        this.baseUrl = baseUrl;
        this.pid = pid;
    }

    static long findPid(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])) {
                        String local = f[1];
                        int p = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                        if (p == port) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                }
            } catch (IOException | RuntimeException ignored) {
                // not Linux, or not readable
            }
        }
        if (inodes.isEmpty()) {
            return -1;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                return Long.parseLong(proc.getFileName().toString());
                            }
                        } catch (IOException ignored) {
                            // fd closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException ignored) {
                    // not ours to read
                }
            }
        } catch (IOException ignored) {
            // no /proc
        }
        return -1;
    }

    /** Server process CPU time (user + system) in ms, or -1. */
    long cpuMillis() {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10; // USER_HZ = 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Whole-machine busy and total jiffies from /proc/stat, for "was the machine saturated". */
    static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[]{-1, -1};
        }
    }

    long statusKb(String field) {
        if (pid < 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // gone
        }
        return -1;
    }

    long rssKb() {
        return statusKb("VmRSS");
    }

    long threads() {
        return statusKb("Threads");
    }

    long openFiles() {
        if (pid < 0) {
            return -1;
        }
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long fdLimit() {
        return fdLimit(pid < 0 ? null : "/proc/" + pid + "/limits");
    }

    static long fdLimit(String limitsFile) {
        try {
            for (String line : Files.readAllLines(Path.of(limitsFile == null ? "/proc/self/limits" : limitsFile))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring(14).trim().split("\\s+");
                    return "unlimited".equals(f[0]) ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    static long fdHardLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring(14).trim().split("\\s+");
                    return "unlimited".equals(f[1]) ? Long.MAX_VALUE : Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return -1;
    }

    /** Heap in use after a full collection, in KiB (jcmd GC.run + GC.heap_info), or from /metrics; -1. */
    long heapAfterGcKb() {
        if (pid >= 0) {
            try {
                jcmd("GC.run");
                Thread.sleep(300);
                String info = jcmd("GC.heap_info");
                Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            } catch (IOException | InterruptedException ignored) {
                // fall back to the metric
            }
        }
        double used = metric("memory_usedHeap_bytes", null);
        return used < 0 ? -1 : (long) (used / 1024);
    }

    /**
     * The live heap in KiB: the total of a class histogram, which jcmd takes after a full
     * collection; -1. Unlike the heap in use just after {@code GC.run}, it does not count what the
     * server allocated since (H2 compacting its file in the background allocates ~100 MB/s).
     */
    long liveHeapKb() {
        if (pid < 0) {
            return -1;
        }
        try {
            String histogram = jcmd("GC.class_histogram");
            Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(histogram);
            return total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
        } catch (IOException | InterruptedException unavailable) {
            return -1;
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IOException("jcmd timed out");
        }
        return new String(out);
    }

    String metricsText() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("# TYPE") ? r.body() : null;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return null;
        }
    }

    /** Sum of the samples of one metric whose labels contain {@code labelPart} (null: all); -1 when absent. */
    double metric(String name, String labelPart) {
        return metric(metricsText(), name, labelPart);
    }

    static double metric(String text, String name, String labelPart) {
        if (text == null) {
            return -1;
        }
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (line.length() > name.length())
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
                if (labelPart != null && !line.contains(labelPart)) {
                    continue;
                }
                try {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                } catch (NumberFormatException ignored) {
                    // not a sample
                }
            }
        }
        return found ? sum : -1;
    }

    boolean ready() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return false;
        }
    }
}
