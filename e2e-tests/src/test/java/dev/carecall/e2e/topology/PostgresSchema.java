package dev.carecall.e2e.topology;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh schema of its own on the test PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication,
 * user {@code postgres} or {@code root}), dropped on {@link #close()}: the production database of a topology test.
 */
public final class PostgresSchema implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final String user;
    private final String schema;

    private PostgresSchema(String user, String schema) {
        this.user = user;
        this.schema = schema;
    }

    public static PostgresSchema create() {
        List<String> failures = new ArrayList<>();
        for (String user : USERS) {
            try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=5", user, "");
                 Statement s = c.createStatement()) {
                String schema = "carecall_topology_" + UUID.randomUUID().toString().replace("-", "");
                s.execute("CREATE SCHEMA " + schema);
                return new PostgresSchema(user, schema);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("PostgreSQL is not reachable at 127.0.0.1:5432 (database 'test', trust "
                + "authentication, user postgres or root): " + failures + ". scripts/test.sh starts it.");
    }

    /** {@code carecall.db.url} of this schema. */
    public String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    public String user() {
        return user;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(SERVER, user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
