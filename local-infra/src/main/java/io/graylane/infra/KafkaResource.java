package io.graylane.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the test JVM's real Kafka broker: {@code @WithTestResource(KafkaResource.class)}.
 * The broker outlives the application so that test classes with other resources reuse it.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafka.broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker stops with the JVM: see SharedKafka.
    }
}
