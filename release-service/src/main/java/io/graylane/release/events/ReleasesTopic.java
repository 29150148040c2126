package io.graylane.release.events;

import io.graylane.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes {@code graylane.releases} a compacted topic, at every start until it is one: created so if it is
 * missing, its {@code cleanup.policy} set to {@code compact} if someone (a consumer's auto-creation, an
 * operator) created it otherwise. Consumers rebuild the releases in progress from the newest event of each
 * service, so retention no longer decides how long a release can run. Tries in the background until Kafka
 * answers; the outbox relay does not wait for it.
 */
@ApplicationScoped
public class ReleasesTopic {

    private static final Logger LOG = Logger.getLogger(ReleasesTopic.class);
    private static final long RETRY_MILLIS = 5_000;

    private final Map<String, Object> kafka;
    private volatile boolean running;
    private Thread thread;

    /** {@code kafka}: the service's Kafka settings (kafka.*: bootstrap servers, TLS, SASL). */
    ReleasesTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "releases-topic-setup");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            Map<String, Object> config = new HashMap<>(kafka);
            config.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
            try (Admin admin = Admin.create(config)) {
                ensureCompacted(admin);
                return;
            } catch (ExecutionException | RuntimeException e) {
                LOG.warnf("%s not yet compacted (%s); trying again in %d s", Topics.RELEASES, e.getMessage(),
                        RETRY_MILLIS / 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Creates the topic compacted, or makes it so. */
    public static void ensureCompacted(Admin admin) throws ExecutionException, InterruptedException {
        NewTopic topic = new NewTopic(Topics.RELEASES, Optional.empty(), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
            LOG.infof("created %s, compacted", Topics.RELEASES);
            return;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer", e);
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RELEASES);
        String policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    AlterConfigOp.OpType.SET)))).all().get();
            LOG.infof("%s had cleanup.policy=%s; now compact", Topics.RELEASES, policy);
        }
    }
}
