package io.graylane.release.events;

import io.graylane.events.Topics;
import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code graylane.traffic}. A record that does not follow the contract makes this method throw:
 * the connector's dead-letter strategy moves it to {@code graylane.traffic.dead-letter}, with the reason in
 * its headers, and consumption goes on. A passing failure (the database down) is waited out instead
 * ({@link PatientHandler}).
 */
@ApplicationScoped
public class TrafficReportConsumer {

    private static final Logger LOG = Logger.getLogger(TrafficReportConsumer.class);

    private final EventCodec codec;
    private final TrafficReports reports;
    private final PatientHandler patience;

    TrafficReportConsumer(EventCodec codec, TrafficReports reports, PatientHandler patience) {
        this.codec = codec;
        this.reports = reports;
        this.patience = patience;
    }

    @Incoming("traffic-reports")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            CloudEvent event = codec.read(record.value());
            Producers.requireProducerOf(Topics.TRAFFIC, event);
            patience.handle(describe(record), () -> reports.handle(event));
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
