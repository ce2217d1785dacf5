package dev.carecall.backend.storage;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fresh schema on the test PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication, user
 * {@code postgres} or {@code root}). Several builds may share that server, so every test class gets a schema of its
 * own. Without a reachable server the test fails, unless {@code -Dskip.postgres=true}.
 */
public final class TestPostgres {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final String user;
    private final String schema;

    private TestPostgres(String user, String schema) {
        this.user = user;
        this.schema = schema;
    }

    public static TestPostgres createSchema() {
        Assumptions.assumeFalse(Boolean.getBoolean("skip.postgres"), "PostgreSQL tests skipped (-Dskip.postgres=true)");
        List<String> failures = new ArrayList<>();
        for (String user : USERS) {
            try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=5", user, "");
                 Statement s = c.createStatement()) {
                String schema = "carecall_it_" + UUID.randomUUID().toString().replace("-", "");
                s.execute("CREATE SCHEMA " + schema);
                return new TestPostgres(user, schema);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        return fail("PostgreSQL is not reachable at 127.0.0.1:5432 (database 'test', trust authentication, user "
                + "postgres or root): " + failures + ". Start it, e.g. `sudo pg_ctlcluster 15 main start` "
                + "(scripts/test.sh does this), or run the build with -Dskip.postgres=true to skip these tests.");
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(SERVER + "?currentSchema=" + schema, user, "");
    }

    public void dropSchema() {
        try (Connection c = DriverManager.getConnection(SERVER, user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
