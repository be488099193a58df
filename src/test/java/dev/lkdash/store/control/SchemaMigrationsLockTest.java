package dev.lkdash.store.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkdash.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Instances starting together against one PostgreSQL schema migrate it once, one after the other. */
class SchemaMigrationsLockTest {

    private static final int INSTANCES = 4;

    @Test
    void instancesMigratingTogetherDoNotRace() throws Exception {
        TestDatabase.requirePostgres();
        String schema = "lkdash_lock_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        try {
            CyclicBarrier together = new CyclicBarrier(INSTANCES);
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                versions.add(instances.submit((Callable<Integer>) () -> {
                    try (Connection connection = DriverManager.getConnection(
                            TestDatabase.POSTGRES + "?currentSchema=" + schema, "postgres", "")) {
                        together.await();
                        return SchemaMigrations.migrate(connection);
                    }
                }));
            }
            int latest = versions.get(0).get();
            for (Future<Integer> version : versions) {
                assertEquals(latest, version.get(), "every instance ends at the latest version");
            }
            try (Connection connection = DriverManager.getConnection(
                    TestDatabase.POSTGRES + "?currentSchema=" + schema, "postgres", "");
                 Statement statement = connection.createStatement();
                 ResultSet steps = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_version")) {
                steps.next();
                assertEquals(latest, steps.getInt(1), "each step applied once");
                assertEquals(latest, steps.getInt(2));
            }
        } finally {
            instances.shutdownNow();
            try (Connection admin = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
