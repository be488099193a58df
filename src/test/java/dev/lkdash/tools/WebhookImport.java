package dev.lkdash.tools;

import dev.lkdash.events.entity.LiveKitEvent;
import dev.lkdash.rooms.control.RoomState;
import dev.lkdash.store.control.Database;
import dev.lkdash.webhooks.control.WebhookParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;

/**
 * Stores LiveKit webhooks into a dashboard's database the way the webhook endpoint does after
 * verifying them: parsed by {@link WebhookParser}, recorded by {@link RoomState#record} (the event
 * with its read model rows, one transaction each). For loading a large history faster than HTTP
 * allows (bench/run-history.sh); the server opens the same database afterwards.
 * <p>
 * Input on stdin, one webhook per line: {@code <accepted at, epoch ms> TAB <body>}.
 */
public final class WebhookImport {

    static final String USAGE = """
            usage: WebhookImport (--data-dir DIR | --db-url JDBC_URL [--db-user USER] [--db-password PW]) < webhooks.tsv
              --data-dir DIR   the H2 file the server opens with DASHBOARD_DATA_DIR=DIR
              --db-url URL     a jdbc:postgresql: URL, as DASHBOARD_DB_URL
              input lines: <accepted at, epoch ms> TAB <LiveKit webhook body>
            """;
    private static final int PROGRESS_EVERY = 50_000;

    private WebhookImport() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        String url = null;
        String user = null;
        String password = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> url = h2File(Path.of(args[i + 1]));
                case "--db-url" -> url = args[i + 1];
                case "--db-user" -> user = args[i + 1];
                case "--db-password" -> password = args[i + 1];
                default -> url = null;
            }
        }
        if (url == null || args.length % 2 != 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Database database = Database.open(url, user, password, 2);
        try {
            RoomState state = new RoomState(database, Clock.systemUTC());
            importLines(state, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16));
        } finally {
            database.close();
        }
        if (url.startsWith("jdbc:h2:")) {
            compact(url);
        }
    }

    /**
     * Rewrites the H2 file without the chunks a bulk load leaves behind (1,000,000 events: 1.4 GB
     * to 0.4 GB in half a minute). Otherwise the server that opens it spends its first minutes
     * compacting in the background, which a file written at LiveKit's pace does not need.
     */
    private static void compact(String url) {
        long began = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException failed) {
            throw new IllegalStateException("compacting " + url + " failed", failed);
        }
        System.err.printf(Locale.ROOT, "compacted in %.1f s%n", (System.nanoTime() - began) / 1e9);
    }

    /** The file the server opens under {@code dashboard.data-dir} (see Database). */
    private static String h2File(Path dataDir) throws IOException {
        Path directory = Files.createDirectories(dataDir).toAbsolutePath();
        return "jdbc:h2:file:" + directory.resolve("events").toString().replace('\\', '/') + Database.QUERY_CACHE;
    }

    private static void importLines(RoomState state, BufferedReader lines) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long began = System.nanoTime();
        long sinceProgress = began;
        long stored = 0;
        long duplicates = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            long acceptedAt = Long.parseLong(line, 0, tab, 10);
            byte[] body = line.substring(tab + 1).getBytes(StandardCharsets.UTF_8);
            LiveKitEvent event = WebhookParser.parse(body, sha256.digest(body));
            if (state.record(event, body, acceptedAt) == null) {
                duplicates++;
            } else {
                stored++;
            }
            if ((stored + duplicates) % PROGRESS_EVERY == 0) {
                long now = System.nanoTime();
                System.err.printf(Locale.ROOT, "%,d stored (%,d already were): %.0f/s lately, %.0f s in all%n",
                        stored, duplicates, PROGRESS_EVERY / ((now - sinceProgress) / 1e9), (now - began) / 1e9);
                sinceProgress = now;
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.err.printf(Locale.ROOT, "imported %,d webhooks (%,d already stored) in %.1f s: %.3f ms each%n",
                stored, duplicates, seconds, stored == 0 ? 0 : seconds * 1000 / stored);
    }
}
