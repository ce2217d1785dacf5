package dev.carecall.bench.process;

import dev.carecall.backend.storage.DatabaseSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh schema of its own on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust
 * authentication, user {@code postgres} or {@code root}), dropped when closed. Other builds share that server.
 */
public final class Postgres implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final List<String> USERS = List.of("postgres", "root");

    private final String user;
    private final String schema;

    private Postgres(String user, String schema) {
        this.user = user;
        this.schema = schema;
    }

    public static Postgres createSchema() {
        List<String> failures = new ArrayList<>();
        for (String user : USERS) {
            try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=5", user, "");
                 Statement s = c.createStatement()) {
                String schema = "carecall_bench_" + UUID.randomUUID().toString().replace("-", "");
                s.execute("CREATE SCHEMA " + schema);
                return new Postgres(user, schema);
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("PostgreSQL is not reachable at 127.0.0.1:5432 (database 'test', trust "
                + "authentication, user postgres or root): " + failures);
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(SERVER + "?currentSchema=" + schema, user, "");
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(SERVER, user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop benchmark schema " + schema + ": " + e.getMessage());
        }
    }
}
