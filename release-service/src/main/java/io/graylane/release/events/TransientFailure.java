package io.graylane.release.events;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Predicate;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Whether a failure to handle an event will pass by itself: the database unreachable, restarting or out of
 * connections, a deadlock or serialization failure (SQLSTATE classes 08, 40, 53, 57P). Such an event is tried
 * again, never dead-lettered; anything else is the event's fault or a bug, and goes to the dead-letter topic.
 */
public final class TransientFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return is(failure);
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && (passing(sql.getSQLState())
                    || String.valueOf(sql.getMessage()).contains("Acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean passing(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("40")
                || sqlState.startsWith("53") || sqlState.startsWith("57P"));
    }
}
