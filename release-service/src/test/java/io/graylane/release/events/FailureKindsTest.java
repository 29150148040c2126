package io.graylane.release.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.events.MalformedEventException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures pass by themselves (tried again) and which do not (dead-lettered, parked). */
class FailureKindsTest {

    @Test
    void theDatabaseGoneOrBusyIsAPassingFailure() {
        assertThat(TransientFailure.is(new RuntimeException(new JDBCConnectionException("down",
                new SQLException("refused", "08001"))))).isTrue();
        assertThat(TransientFailure.is(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(TransientFailure.is(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailure.is(new IllegalStateException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void anEventsFaultOrABugIsNot() {
        assertThat(TransientFailure.is(new MalformedEventException("no release 'ghost'"))).isFalse();
        assertThat(TransientFailure.is(new SQLException("value too long", "22001"))).isFalse();
        assertThat(TransientFailure.is(new NullPointerException())).isFalse();
    }

    @Test
    void kafkaRefusesForGoodOnlyWhatWouldFailTheSameWayAgain() {
        assertThat(PermanentRefusal.of(new java.util.concurrent.ExecutionException(
                new RecordTooLargeException("The message is 2097312 bytes")))).get().asString()
                .startsWith("RecordTooLargeException");
        assertThat(PermanentRefusal.of(new NotLeaderOrFollowerException("moving"))).isEmpty();
        assertThat(PermanentRefusal.of(new TopicAuthorizationException("no ACL yet"))).isEmpty();
    }
}
