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

    /**
     * The backend's database settings. {@code CARECALL_BENCH_DB_URL_PARAMETERS} is appended to the URL, for trying
     * what a clinic may set there, e.g. {@code options=-c%20synchronous_commit%3Doff}.
     */
    public DatabaseSettings settings() {
        String extra = System.getenv("CARECALL_BENCH_DB_URL_PARAMETERS");
        return new DatabaseSettings(SERVER + "?currentSchema=" + schema
                + (extra == null || extra.isBlank() ? "" : "&" + extra.strip()), user, "");
    }

    /**
     * Bytes of write-ahead log the server has written so far (its current WAL position), or -1 if it cannot say.
     * The server is shared: other users' writes count too.
     */
    public long walBytes() {
        try (Connection c = DriverManager.getConnection(SERVER, user, "");
             Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            return rows.next() ? rows.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
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
