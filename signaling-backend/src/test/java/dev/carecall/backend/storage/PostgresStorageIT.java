package dev.carecall.backend.storage;

/**
 * The storage contract on the real PostgreSQL at 127.0.0.1:5432, in a schema of its own that is dropped afterwards.
 */
class PostgresStorageIT extends StorageContract {
    private TestPostgres postgres;

    @Override
    DatabaseSettings openDatabase() {
        postgres = TestPostgres.createSchema();
        return postgres.settings();
    }

    @Override
    void dropDatabase() {
        if (postgres != null) {
            postgres.dropSchema();
        }
    }
}
