package io.graylane.traffic.events;

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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code graylane.releases} from the beginning on every start, so traffic-service knows the newest
 * desired state of every release without a store of its own, and keeps reading. Releases are applied only
 * once the feed has caught up with the topic: an old generation is never written over a newer one.
 * A plain consumer rather than a messaging channel, because this replay-then-follow needs the end offsets.
 */
@ApplicationScoped
public class ReleaseFeed {

    private static final Logger LOG = Logger.getLogger(ReleaseFeed.class);

    private final ReleaseController controller;
    private final TrafficReporter reporter;
    private final EventCodec codec;
    private final String bootstrapServers;
    private volatile boolean running;
    private Thread thread;

    ReleaseFeed(ReleaseController controller, TrafficReporter reporter, EventCodec codec,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.controller = controller;
        this.reporter = reporter;
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
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

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.CLIENT_ID_CONFIG, "traffic-service-release-feed"),
                    new StringDeserializer(), new StringDeserializer())) {
                follow(consumer);
            } catch (KafkaException e) {
                LOG.warnf("release feed: %s; reconnecting in 1 s", e.toString());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(Topics.RELEASES, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(Topics.RELEASES, info.partition())).toList();
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean caughtUp = false;
        while (running) {
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

    private void handle(ConsumerRecord<String, String> record) {
        try {
            CloudEvent event = codec.read(record.value());
            if (EventTypes.DESIRED_RELEASE.contains(event.type())) {
                controller.desired(DesiredReleases.valid(codec.data(event, DesiredRelease.class)));
            } else if (EventTypes.RELEASE_PHASE_CHANGED.equals(event.type())) {
                PhaseChanged changed = codec.data(event, PhaseChanged.class);
                if (changed.to() != null && changed.to().isTerminal()) {
                    controller.ended(changed.namespace(), changed.name());
                }
            } else {
                throw new MalformedEventException("unknown event type '" + event.type() + "' on " + Topics.RELEASES);
            }
        } catch (MalformedEventException e) {
            LOG.warnf("record %s-%d@%d goes to %s: %s", record.topic(), record.partition(), record.offset(),
                    Topics.RELEASES_DEAD_LETTER, e.getMessage());
            reporter.deadLetter(record.key(), record.value(), e.getMessage(),
                    record.topic() + "-" + record.partition() + "@" + record.offset());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
