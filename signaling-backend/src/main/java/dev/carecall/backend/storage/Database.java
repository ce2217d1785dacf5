package dev.carecall.backend.storage;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open database: migrated by Flyway, reached through a helidon {@link DbClient} on a HikariCP pool, whose named
 * statements come from {@code application.yaml} on the classpath.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    /** H2's error for a database that IFEXISTS=TRUE did not find (ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1). */
    private static final int DATABASE_NOT_FOUND = 90146;

    /** HikariCP's own default: enough for a signaling server whose writes are few and short. */
    private static final int POOL_SIZE = 10;

    private final DatabaseSettings settings;
    private final DbClient client;
    private final HikariPool pool;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(DatabaseSettings settings, DbClient client, HikariPool pool, String url) {
        this.settings = settings;
        this.client = client;
        this.pool = pool;
        this.url = url;
    }

    /** Migrates the schema to the newest version, then opens the connection pool. */
    public static Database open(DatabaseSettings settings) {
        String url = connectionUrl(settings);
        Flyway.configure()
                .dataSource(url, settings.username(), settings.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // Only the named statements come from application.yaml; the connection is the pool built here.
        Config statements = Config.just(ConfigSources.classpath("application.yaml")).get("db");
        HikariPool pool = new HikariPool(url, settings, POOL_SIZE);
        try {
            DbClient client = JdbcClientBuilder.create().config(statements).connectionPool(pool).build();
            LOG.log(Level.INFO, "database " + settings.describe() + " ready");
            return new Database(settings, client, pool, url);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DbClient client() {
        return client;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Whether a pooled connection answers within the given seconds (the health check). */
    public boolean isAlive(int timeoutSeconds) {
        return pool.isAlive(timeoutSeconds);
    }

    /**
     * Closes the pool, then (in-memory H2) drops the database. Safe to call more than once: later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // The pool first: its connections must close while the database still exists, or each one logs a
        // "Database is already closed" stack trace.
        client.close();
        if (url.startsWith("jdbc:h2:mem:")) {
            // An in-memory database opened with DB_CLOSE_DELAY=-1 lives until the JVM exits, and tests start many.
            // IFEXISTS: never create a fresh database just to shut it down.
            try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", settings.username(),
                    settings.password());
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                if (e.getErrorCode() == DATABASE_NOT_FOUND) {
                    return; // without DB_CLOSE_DELAY=-1 it went with the pool's last connection
                }
                LOG.log(Level.WARNING, "could not shut down " + settings.describe() + ": " + e.getMessage());
            }
        }
    }

    /**
     * H2 closes its databases from a JVM shutdown hook of its own, which races the server's shutdown hook: the pool
     * then finds its connections dead and logs stack traces. The server closes the database itself, in order.
     */
    static String connectionUrl(DatabaseSettings settings) {
        String url = settings.url();
        if (settings.isH2() && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }
}
