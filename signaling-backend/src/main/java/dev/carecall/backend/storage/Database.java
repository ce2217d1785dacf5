package dev.carecall.backend.storage;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import org.flywaydb.core.Flyway;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The open database: migrated by Flyway, reached through a helidon {@link DbClient} whose named statements come from
 * {@code application.yaml} on the classpath.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());

    private final DatabaseSettings settings;
    private final DbClient client;

    private Database(DatabaseSettings settings, DbClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Migrates the schema to the newest version, then opens the connection pool. */
    public static Database open(DatabaseSettings settings) {
        Flyway.configure()
                .dataSource(settings.url(), settings.username(), settings.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // The connection given here wins over anything application.yaml says; the statements come from there.
        Config config = Config.just(
                ConfigSources.create(Map.of(
                        "db.source", "jdbc",
                        "db.connection.url", settings.url(),
                        "db.connection.username", settings.username(),
                        "db.connection.password", settings.password())),
                ConfigSources.classpath("application.yaml"));
        DbClient client = DbClient.create(config.get("db"));
        LOG.log(Level.INFO, "database " + settings.describe() + " ready");
        return new Database(settings, client);
    }

    public DbClient client() {
        return client;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        client.close();
        if (settings.url().startsWith("jdbc:h2:mem:")) {
            // An in-memory database opened with DB_CLOSE_DELAY=-1 lives until the JVM exits, and tests start many.
            try (Connection c = DriverManager.getConnection(settings.url(), settings.username(), settings.password());
                 Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "could not shut down " + settings.describe() + ": " + e.getMessage());
            }
        }
    }
}
