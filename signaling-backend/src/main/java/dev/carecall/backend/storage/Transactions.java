package dev.carecall.backend.storage;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.util.function.Function;

/** The two things every store does with Helidon's DB client by hand: a unit of work, and the next id of a sequence. */
public final class Transactions {
    private Transactions() {
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A rollback that
     * fails too is attached to the work's own failure, which is the one the caller must see.
     */
    public static <T> T inTransaction(DbClient db, Function<DbTransaction, T> work) {
        DbTransaction tx = db.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException e) {
            try {
                tx.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        tx.commit();
        return result;
    }

    /** The next value of a sequence, read by a named statement that answers one row with an {@code id} column. */
    public static long nextId(DbExecute exec, String statement) {
        return exec.namedGet(statement).map(Rows::of).orElseThrow().longValue("id");
    }
}
