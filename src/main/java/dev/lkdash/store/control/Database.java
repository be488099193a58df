package dev.lkdash.store.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event database, opened from MicroProfile Config at start-up: {@code dashboard.db.url} when
 * set (PostgreSQL), else an H2 file database under {@code dashboard.data-dir}.
 * <p>
 * The persistence unit is resource-local and built here, not by the container, because its URL is
 * only known at run time; EclipseLink pools the connections itself. Its descriptor has a name of
 * its own ({@code META-INF/dashboard-persistence.xml}) so that the container does not also deploy
 * the unit against its default data source. The schema is migrated ({@link SchemaMigrations})
 * before the unit is opened.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    static final String UNIT = "dashboard";
    private static final Map<String, String> DRIVERS = Map.of(
            "jdbc:h2:", "org.h2.Driver",
            "jdbc:postgresql:", "org.postgresql.Driver");

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

    private EntityManagerFactory factory;
    private String url;

    @PostConstruct
    void open() {
        url = configuredUrl.filter(value -> !value.isBlank()).orElseGet(this::embeddedUrl);
        String driver = driverFor(url);
        try (Connection connection = connect(driver)) {
            int version = SchemaMigrations.migrate(connection);
            LOG.info(() -> String.format("Event database %s (%s %s), schema version %d", redacted(url),
                    product(connection), driverVersion(connection), version));
        } catch (SQLException unusable) {
            throw new IllegalStateException("The event database " + redacted(url) + " cannot be used: "
                    + unusable.getMessage(), unusable);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("eclipselink.persistencexml", "META-INF/dashboard-persistence.xml");
        settings.put("jakarta.persistence.jdbc.driver", driver);
        settings.put("jakarta.persistence.jdbc.url", url);
        user.ifPresent(value -> settings.put("jakarta.persistence.jdbc.user", value));
        password.ifPresent(value -> settings.put("jakarta.persistence.jdbc.password", value));
        settings.put("eclipselink.connection-pool.default.initial", "1");
        // min = max: EclipseLink closes connections above min when they are released, so a
        // smaller min opens a new connection (a new PostgreSQL backend) for most transactions
        // under concurrent webhooks (measured on PostgreSQL at 16 in flight: 284/s, 2,112/s with min = max)
        settings.put("eclipselink.connection-pool.default.min", Integer.toString(poolSize));
        settings.put("eclipselink.connection-pool.default.max", Integer.toString(poolSize));
        factory = Persistence.createEntityManagerFactory(UNIT, settings);
    }

    /** An H2 file database that needs no setup; created on first use. */
    private String embeddedUrl() {
        Path directory = Path.of(dataDir).toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException unwritable) {
            throw new UncheckedIOException("dashboard.data-dir " + directory + " cannot be created", unwritable);
        }
        return "jdbc:h2:file:" + directory.resolve("events").toString().replace('\\', '/');
    }

    static String driverFor(String url) {
        return DRIVERS.entrySet().stream().filter(entry -> url.startsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "dashboard.db.url must be a jdbc:postgresql: or jdbc:h2: URL, not " + redacted(url)));
    }

    /** Through the driver itself: DriverManager does not see drivers of a web application's class loader. */
    private Connection connect(String driverClass) throws SQLException {
        Driver driver;
        try {
            driver = (Driver) Class.forName(driverClass, true, Database.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("JDBC driver " + driverClass + " is not available", missing);
        }
        Properties credentials = new Properties();
        user.ifPresent(value -> credentials.setProperty("user", value));
        password.ifPresent(value -> credentials.setProperty("password", value));
        return driver.connect(url, credentials);
    }

    /** Runs the work in a transaction of its own; any failure rolls it back and propagates. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /** Runs a read outside a transaction. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    @PreDestroy
    void close() {
        if (factory != null && factory.isOpen()) {
            factory.close();
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
