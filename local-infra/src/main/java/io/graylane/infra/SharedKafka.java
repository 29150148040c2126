package io.graylane.infra;

import java.nio.file.Path;

/**
 * The one Kafka broker of a test JVM, started on first use on free ports and destroyed with its data when
 * the JVM ends, also when it is killed. Quarkus may load this class once per application class loader:
 * the broker's coordinates live in a system property so every copy finds the same broker.
 */
public final class SharedKafka {

    private static final String PROPERTY = "io.graylane.infra.shared-kafka";
    private static KafkaBroker broker;

    private SharedKafka() {
    }

    /** The broker, started if this JVM has none yet. */
    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            String running = System.getProperty(PROPERTY);
            broker = running == null ? startNew() : attach(running);
        }
        return broker;
    }

    private static KafkaBroker startNew() {
        Path home = Directories.temporary("graylane-kafka-");
        KafkaBroker started = new KafkaBroker(FreePort.find(), FreePort.find(), home, true);
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "kafka-broker-stop"));
        started.start();
        System.setProperty(PROPERTY, started.bootstrapServers().replace("127.0.0.1:", "") + "|"
                + started.controllerPort() + "|" + home);
        return started;
    }

    private static KafkaBroker attach(String running) {
        String[] parts = running.split("\\|", 3);
        return new KafkaBroker(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Path.of(parts[2]), true);
    }
}
