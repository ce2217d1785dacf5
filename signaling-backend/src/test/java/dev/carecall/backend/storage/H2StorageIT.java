package dev.carecall.backend.storage;

import java.util.UUID;

/** The storage contract on embedded H2, the default database. */
class H2StorageIT extends StorageContract {
    @Override
    DatabaseSettings openDatabase() {
        return new DatabaseSettings("jdbc:h2:mem:storage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
