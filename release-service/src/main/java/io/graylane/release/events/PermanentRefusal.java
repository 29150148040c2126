package io.graylane.release.events;

import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Whether Kafka refused a record for good: sending it again would fail the same way (it is larger than the
 * broker or producer accepts, or its topic name is invalid). Everything else (a broker down, a leader moving,
 * missing ACLs that an operator may grant) is passing and retried.
 */
final class PermanentRefusal {

    private PermanentRefusal() {
    }

    /** The reason, if {@code failure} (or one of its causes) is a permanent refusal. */
    static Optional<String> of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidRecordException || cause instanceof InvalidTopicException
                    || cause instanceof SerializationException) {
                return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }
        return Optional.empty();
    }
}
