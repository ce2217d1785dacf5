package dev.carecall.backend.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The HikariCP pool handed to Helidon's JDBC client. Helidon's own Hikari module is not served at 4.5.0, and a pool
 * we build ourselves also lets the health check borrow a connection with a timeout of its own. The client closes it
 * when it closes.
 */
final class HikariPool implements CloseableJdbcConnectionPool {
    private final HikariDataSource dataSource;

    HikariPool(String url, DatabaseSettings settings, int maximumSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setPoolName("carecall-db");
        config.setMaximumPoolSize(maximumSize);
        // A request waits at most this long for a connection; a dead database answers with an error, not a hang.
        config.setConnectionTimeout(5_000);
        this.dataSource = new HikariDataSource(config);
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection: " + e.getMessage(), e);
        }
    }

    /** Borrows a connection and asks it whether it is alive, waiting at most the given seconds. */
    boolean isAlive(int timeoutSeconds) {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
