package dev.lkdash.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged WAR on a Payara Micro this test starts and stops itself, for what Arquillian
 * cannot do: stop a server and start another on the same data. Configuration goes in through the
 * environment, as an operator would pass it.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final URI base;

    private PayaraProcess(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * Starts Payara Micro with the WAR and waits until {@code /health/ready} answers 200.
     *
     * @param environment settings; every inherited {@code DASHBOARD_*} and {@code LIVEKIT_*}
     *                    variable is removed first, and the administrator's password is
     *                    {@link TestLogin#PASSWORD} unless given. Quiet rooms are not presumed
     *                    ended unless given: the fixtures' rooms are months old, so the check
     *                    would end them between a test's webhooks (as in {@link DashboardDeployment}).
     * @param log         where the server's output goes
     */
    public static PayaraProcess start(Map<String, String> environment, Path log) throws IOException, InterruptedException {
        return start(environment, log, freePort());
    }

    /** The same on a given port: a restarted server where its clients (LiveKit) still send. */
    public static PayaraProcess start(Map<String, String> environment, Path log, int port)
            throws IOException, InterruptedException {
        PayaraProcess server = launch(environment, log, port);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError failed) {
            server.close();
            throw failed;
        }
        return server;
    }

    /** Starts Payara Micro with the WAR and returns at once, ready or not (a deployment may fail). */
    public static PayaraProcess launch(Map<String, String> environment, Path log, int port) throws IOException {
        String warDir = System.getProperty("dashboard.war.dir", "target/livekit-dashboard");
        String microJar = System.getProperty("payara.microJar", "target/payara-micro.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", microJar, "--nocluster", "--port", Integer.toString(port), "--contextroot", "/",
                "--deploy", warDir + ".war"));
        for (String option : System.getProperty("payara.extraMicroOptions", "").split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option); // the pre- and post-boot command files, as Arquillian passes them
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("DASHBOARD_") || name.startsWith("LIVEKIT_"));
        builder.environment().put("DASHBOARD_ROOMS_PRESUME_ENDED", "false");
        builder.environment().put("DASHBOARD_AUTH_ADMIN_PASSWORD", TestLogin.PASSWORD);
        builder.environment().put("DASHBOARD_HTTP_RATE_LIMIT_PER_SECOND", "0");
        builder.environment().put("DASHBOARD_SSE_MAX_CONNECTIONS_PER_ADDRESS", "0");
        builder.environment().putAll(environment);
        return new PayaraProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    public URI base() {
        return base;
    }

    /** {@link #base()} as the URL the test clients take. */
    public URL url() {
        try {
            return base.toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The environment of one instance of several sharing a PostgreSQL schema and a Redis stream
     * ({@code dashboard.bus=redis}), with the test keys and a data dir of its own.
     */
    public static Map<String, String> redisBusInstance(String name, String schema, String redisUrl, String stream) {
        Map<String, String> env = new HashMap<>();
        env.put("LIVEKIT_API_KEY", LiveKitSigner.TEST.apiKey());
        env.put("LIVEKIT_API_SECRET", LiveKitSigner.TEST.apiSecret());
        env.put("DASHBOARD_DATA_DIR", DashboardDeployment.freshDataDir(name));
        env.put("DASHBOARD_DB_URL", TestDatabase.POSTGRES + "?currentSchema=" + schema);
        env.put("DASHBOARD_DB_USER", "postgres");
        env.put("DASHBOARD_BUS", "redis");
        env.put("DASHBOARD_REDIS_URL", redisUrl);
        env.put("DASHBOARD_REDIS_STREAM", stream);
        return env;
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Payara Micro exited with " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Payara Micro was not ready within " + START_TIMEOUT);
    }

    /** Stops the server as an operator does (SIGTERM), forcibly only if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the server without a word (SIGKILL), as a crash or an OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A log file under target/ for one server run. */
    public static Path logFile(String name) {
        File directory = new File("target/payara-logs");
        directory.mkdirs();
        return directory.toPath().resolve(name + ".log");
    }
}
