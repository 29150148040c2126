package io.graylane.traffic.events;

import io.graylane.events.Producers;
import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.MalformedEventException;
import io.graylane.events.Topics;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.PhaseChanged;
import io.graylane.traffic.domain.DesiredReleases;
import io.graylane.traffic.domain.ReleaseController;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads {@code graylane.releases} from the beginning on every start, so traffic-service knows the newest
 * desired state of every release without a store of its own, and keeps reading. The topic is compacted and
 * every event on it carries its release's whole desired state, so the newest event of each service suffices
 * however long ago the release was created. Releases are applied only once the feed has caught up with the
 * topic: an old generation is never written over a newer one. A record that cannot be acted on goes to
 * {@code graylane.releases.dead-letter} with the reason, and the feed goes on. A plain consumer rather than a
 * messaging channel, because this replay-then-follow needs the end offsets.
 */
@ApplicationScoped
public class ReleaseFeed {

    private static final Logger LOG = Logger.getLogger(ReleaseFeed.class);

    private final ReleaseController controller;
    private final TrafficReporter reporter;
    private final EventCodec codec;
    private final Map<String, Object> kafka;
    private volatile boolean running;
    private volatile Instant heartbeat = Instant.now();
    private Thread thread;

    ReleaseFeed(ReleaseController controller, TrafficReporter reporter, EventCodec codec,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.controller = controller;
        this.reporter = reporter;
        this.codec = codec;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "release-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    /** Whether the feed's thread runs and has gone round its loop within {@code within}. */
    public boolean live(Duration within) {
        return thread != null && thread.isAlive() && heartbeat.isAfter(Instant.now().minus(within));
    }

    private void run() {
        while (running) {
            heartbeat = Instant.now();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(),
                    new StringDeserializer(), new StringDeserializer())) {
                follow(consumer);
            } catch (KafkaException e) {
                LOG.warnf("release feed: %s; reconnecting in 1 s", e.toString());
                pause(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.errorf(e, "release feed stopped; starting it again in 1 s");
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** The service's Kafka settings (kafka.*: bootstrap servers, TLS, SASL), as every channel gets them. */
    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "traffic-service-release-feed");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private void follow(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            heartbeat = Instant.now();
            partitions = consumer.partitionsFor(Topics.RELEASES, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(Topics.RELEASES, info.partition())).toList();
            if (partitions.isEmpty()) {
                pause(Duration.ofSeconds(1));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean caughtUp = false;
        while (running) {
            heartbeat = Instant.now();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                handle(record);
            }
            if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                LOG.infof("release feed caught up with %s", Topics.RELEASES);
                controller.startReconciling();
            }
        }
    }

    /** Acts on one record; whatever it cannot act on goes to the dead-letter topic, and the feed goes on. */
    private void handle(ConsumerRecord<String, String> record) {
        try {
            CloudEvent event = codec.read(record.value());
            Producers.requireProducerOf(Topics.RELEASES, event);
            if (EventTypes.DESIRED_RELEASE.contains(event.type())) {
                controller.desired(DesiredReleases.valid(codec.data(event, DesiredRelease.class)));
            } else if (EventTypes.RELEASE_PHASE_CHANGED.equals(event.type())) {
                PhaseChanged changed = codec.data(event, PhaseChanged.class);
                if (changed.release() != null) {
                    controller.desired(DesiredReleases.valid(changed.release()));
                }
                if (changed.to() != null && changed.to().isTerminal()) {
                    controller.ended(changed.namespace(), changed.name());
                }
            } else {
                throw new MalformedEventException("unknown event type '" + event.type() + "' on " + Topics.RELEASES);
            }
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "record %s-%d@%d cannot be acted on", record.topic(), record.partition(), record.offset());
            deadLetter(record, "cannot be acted on: " + e);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("record %s-%d@%d goes to %s: %s", record.topic(), record.partition(), record.offset(),
                Topics.RELEASES_DEAD_LETTER, reason);
        reporter.deadLetter(record.key(), record.value(), reason,
                record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
