package dev.lkdash.store.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event database, opened from MicroProfile Config at start-up: {@code dashboard.db.url} when
 * set (PostgreSQL), else an H2 file database under {@code dashboard.data-dir}.
 * <p>
 * Plain JDBC over a fixed pool of {@code dashboard.db.pool-size} connections, opened through the
 * driver itself, because the URL is only known at run time and the event insert and the read
 * model's rows must share one transaction. The schema is migrated ({@link SchemaMigrations})
 * before the pool opens.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    /**
     * H2 parses a statement again unless it is among the session's last few (8 by default); the
     * read model uses a few dozen different ones per event.
     */
    /** A caller waits this long for a free connection, then fails (a webhook is answered 503). */
    static final int BORROW_WAIT_SECONDS = 10;
    public static final String QUERY_CACHE = ";QUERY_CACHE_SIZE=64";
    /** Where demo traffic is kept: in memory while the application runs. */
    static final String DEMO_URL = "jdbc:h2:mem:lkdash-demo;DB_CLOSE_DELAY=-1" + QUERY_CACHE;
    private static final Map<String, String> DRIVERS = Map.of(
            "jdbc:h2:", "org.h2.Driver",
            "jdbc:postgresql:", "org.postgresql.Driver");

    /** Work with a connection; checked SQL failures pass through. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    @ConfigProperty(name = "dashboard.data-dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "dashboard.db.url")
    Optional<String> configuredUrl;

    @Inject
    @ConfigProperty(name = "dashboard.db.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "dashboard.db.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "dashboard.db.pool-size")
    int poolSize;

    /** Demo traffic gets a database of its own, in memory: never mixed with real history. */
    @Inject
    @ConfigProperty(name = "dashboard.demo.enabled")
    boolean demo;

    private String url;
    private Driver driver;
    private BlockingQueue<Connection> idle;
    /** One permit per connection in use: at most {@code poolSize} at once. */
    private Semaphore inUse;
    private volatile boolean closed;
    /** The pooled connections currently set to repeatable read. */
    private final Set<Connection> snapshotConnections = ConcurrentHashMap.newKeySet();

    protected Database() {
    }

    /** A database outside the container (tests, tools): migrated and opened at once. */
    public static Database open(String url, String user, String password, int poolSize) {
        Database database = new Database();
        database.configuredUrl = Optional.of(url);
        database.user = Optional.ofNullable(user);
        database.password = Optional.ofNullable(password);
        database.poolSize = poolSize;
        database.open();
        return database;
    }

    @PostConstruct
    void open() {
        url = demo ? DEMO_URL : configuredUrl.filter(value -> !value.isBlank()).orElseGet(this::embeddedUrl);
        if (demo) {
            LOG.warning("Demo traffic is on: everything is kept in an in-memory database of its own and is gone "
                    + "when the server stops; the real history (dashboard.db.url or the data dir) is not opened");
        }
        driver = driverFor(url);
        idle = new ArrayBlockingQueue<>(Math.max(1, poolSize));
        inUse = new Semaphore(Math.max(1, poolSize));
        try (Connection connection = connect()) {
            int version = SchemaMigrations.migrate(connection);
            LOG.info(() -> String.format("Event database %s (%s %s), schema version %d", redacted(url),
                    product(connection), driverVersion(connection), version));
        } catch (SQLException unusable) {
            throw new IllegalStateException("The event database " + redacted(url) + " cannot be used: "
                    + unusable.getMessage(), unusable);
        }
    }

    /** An H2 file database that needs no setup; created on first use. */
    private String embeddedUrl() {
        Path directory = Path.of(dataDir).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("dashboard.data-dir " + directory + " cannot be created", unwritable);
        }
        return "jdbc:h2:file:" + directory.resolve("events").toString().replace('\\', '/') + QUERY_CACHE;
    }

    /** Through the driver itself: DriverManager does not see drivers of a web application's class loader. */
    static Driver driverFor(String url) {
        String driverClass = DRIVERS.entrySet().stream().filter(entry -> url.startsWith(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new IllegalStateException(
                        "dashboard.db.url must be a jdbc:postgresql: or jdbc:h2: URL, not " + redacted(url)));
        try {
            return (Driver) Class.forName(driverClass, true, Database.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("JDBC driver " + driverClass + " is not available", missing);
        }
    }

    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        user.ifPresent(value -> credentials.setProperty("user", value));
        password.ifPresent(value -> credentials.setProperty("password", value));
        Connection connection = driver.connect(url, credentials);
        if (url.startsWith("jdbc:postgresql:")) {
            planEachExecution(connection);
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /*
     * The driver prepares a statement on the server from its fifth run, and PostgreSQL may then
     * keep one generic plan for it: chosen while the read model's tables were nearly empty, that
     * is a sequential scan, kept for the connection's life unless an ANALYZE of the table drops
     * it (never, with autovacuum off). Measured: 470 webhooks/s falling to 229/s over 100,000
     * webhooks, PostgreSQL's CPU per webhook growing 4x. Planned with each run's values instead,
     * the rate stayed at 567-617/s. Planning these short statements costs little; PostgreSQL 11
     * and older have no such setting and keep their default.
     */
    private static void planEachExecution(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 12) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_custom_plan");
            }
        }
    }

    /**
     * Runs the work in a transaction of its own, committed when this returns; any failure rolls
     * it back and propagates as a {@link DatabaseException}.
     */
    public <T> T transaction(Work<T> work) {
        return inTransaction(false, work);
    }

    private <T> T inTransaction(boolean snapshot, Work<T> work) {
        Connection connection = borrow();
        boolean healthy = false;
        try {
            isolate(connection, snapshot);
            T result = work.run(connection);
            connection.commit();
            healthy = true;
            return result;
        } catch (SQLException failed) {
            throw new DatabaseException(failed);
        } finally {
            if (!healthy) {
                healthy = rollback(connection);
            }
            giveBack(connection, healthy);
        }
    }

    /**
     * Runs a read; nothing it does is kept. Its statements all see the database as it was at the
     * first of them (repeatable read), so a read of several tables never mixes rows from before
     * and after a change committed meanwhile.
     */
    public <T> T read(Work<T> work) {
        return inTransaction(true, connection -> {
            T result = work.run(connection);
            connection.rollback();
            return result;
        });
    }

    /**
     * Runs changes in a transaction that is always rolled back: a rehearsal of what a change does,
     * of which nothing is kept.
     */
    public <T> T rolledBack(Work<T> work) {
        return inTransaction(false, connection -> {
            T result = work.run(connection);
            connection.rollback();
            return result;
        });
    }

    /**
     * Reads see one snapshot; changes see what was committed before each of their statements (read
     * committed), which never fails a change for a concurrent one. The level is set only when it
     * differs, because setting it costs PostgreSQL a round trip.
     */
    private void isolate(Connection connection, boolean snapshot) throws SQLException {
        if (snapshotConnections.contains(connection) != snapshot) {
            connection.setTransactionIsolation(snapshot ? Connection.TRANSACTION_REPEATABLE_READ
                    : Connection.TRANSACTION_READ_COMMITTED);
            if (snapshot) {
                snapshotConnections.add(connection);
            } else {
                snapshotConnections.remove(connection);
            }
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new DatabaseException(new SQLException("the event database is closed"));
        }
        try {
            if (!inUse.tryAcquire(BORROW_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new DatabaseException(new SQLException("no database connection free for "
                        + BORROW_WAIT_SECONDS + " s"));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DatabaseException(new SQLException("interrupted while waiting for a connection"));
        }
        Connection connection = idle.poll();
        try {
            return connection != null ? connection : connect();
        } catch (SQLException unreachable) {
            inUse.release();
            throw new DatabaseException(unreachable);
        }
    }

    private static boolean rollback(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException broken) {
            return false;
        }
    }

    /** A connection goes back to the pool unless it failed or the pool is full (then it is closed). */
    private void giveBack(Connection connection, boolean healthy) {
        if (!healthy || closed || !idle.offer(connection)) {
            quietlyClose(connection);
        }
        inUse.release();
    }

    private void quietlyClose(Connection connection) {
        snapshotConnections.remove(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a connection that cannot close cleanly is dropped all the same
        }
    }

    @PreDestroy
    public void close() {
        closed = true;
        Connection connection;
        while (idle != null && (connection = idle.poll()) != null) {
            quietlyClose(connection);
        }
        if (DEMO_URL.equals(url)) {
            try (Connection last = connect(); java.sql.Statement shutdown = last.createStatement()) {
                shutdown.execute("SHUTDOWN"); // kept open between connections until now: a redeployment starts empty
            } catch (SQLException alreadyGone) {
                LOG.fine(() -> "The demo database was closed already: " + alreadyGone.getMessage());
            }
        }
    }

    /** The URL without credentials a user may have put into it. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String product(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException unknown) {
            return "unknown database";
        }
    }

    private static String driverVersion(Connection connection) {
        try {
            return "driver " + connection.getMetaData().getDriverVersion();
        } catch (SQLException unknown) {
            return "";
        }
    }
}
