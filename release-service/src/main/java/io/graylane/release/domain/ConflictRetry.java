package io.graylane.release.domain;

import jakarta.persistence.OptimisticLockException;
import java.util.function.Supplier;

/**
 * Runs a transaction again when another writer changed the same release first: the optimistic lock lets
 * only one commit, the other re-reads and decides again (an If-Match precondition then fails as it should).
 */
public final class ConflictRetry {

    private ConflictRetry() {
    }

    public static <T> T run(int attempts, Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (OptimisticLockException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }
}
