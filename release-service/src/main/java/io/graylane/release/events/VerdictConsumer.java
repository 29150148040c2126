package io.graylane.release.events;

import io.graylane.events.Topics;
import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.release.rollout.Rollouts;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the judge's verdicts on {@code graylane.analysis} (snapshots are skipped). A verdict is about one
 * generation of one release, so a redelivered or late one changes nothing once the step moved on: no processed
 * ids are kept for them. Unreadable records go to {@code graylane.analysis.dead-letter}; a passing failure
 * (the database down) is waited out ({@link PatientHandler}).
 */
@ApplicationScoped
public class VerdictConsumer {

    private static final Logger LOG = Logger.getLogger(VerdictConsumer.class);

    private final EventCodec codec;
    private final Rollouts rollouts;
    private final PatientHandler patience;

    VerdictConsumer(EventCodec codec, Rollouts rollouts, PatientHandler patience) {
        this.codec = codec;
        this.rollouts = rollouts;
        this.patience = patience;
    }

    @Incoming("verdicts")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            CloudEvent event = codec.read(record.value());
            Producers.requireProducerOf(Topics.ANALYSIS, event);
            if (EventTypes.ANALYSIS_VERDICT.equals(event.type())) {
                AnalysisVerdict verdict = codec.data(event, AnalysisVerdict.class);
                patience.handle(describe(record), () -> rollouts.verdict(verdict));
            }
        } catch (RuntimeException e) {
            LOG.warnf("record %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            throw e;
        }
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
