package io.graylane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The infrastructure of {@code ./graylane up}: Kafka and a durable PostgreSQL keeping their data under the
 * launcher's home. Runs until SIGTERM, then stops both in order.
 *
 * <p>Arguments: {@code --home DIR --kafka-port N --kafka-controller-port N --postgres-port N --database NAME}.
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = options(args);
        Path home = Path.of(options.getOrDefault("home", ".graylane"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("kafka-controller-port", "9093"));
        int postgresPort = Integer.parseInt(options.getOrDefault("postgres-port", "5432"));
        String database = options.getOrDefault("database", "graylane");
        requireFree(kafkaPort, "GRAYLANE_KAFKA_PORT");
        requireFree(controllerPort, "GRAYLANE_KAFKA_CONTROLLER_PORT");
        requireFree(postgresPort, "GRAYLANE_POSTGRES_PORT");

        PostgresServer postgres = PostgresServer.durable(postgresPort, home.resolve("postgres"));
        postgres.createDatabase(database);
        KafkaBroker kafka = new KafkaBroker(kafkaPort, controllerPort, home.resolve("kafka"), false);
        kafka.start();
        Path ready = home.resolve("run/infra.ready");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.close();
            ready.toFile().delete();
        }, "infra-stop"));
        writeReady(ready, "kafka=" + kafka.bootstrapServers() + "\npostgres=" + postgres.jdbcUrl(database)
                + "\nfsync=" + postgres.setting("fsync") + "\nsynchronous_commit=" + postgres.setting("synchronous_commit") + "\n");
        System.out.println("infrastructure ready: kafka " + kafka.bootstrapServers() + ", postgres "
                + postgres.jdbcUrl(database));
        Thread.currentThread().join();
    }

    private static void requireFree(int port, String variable) {
        if (FreePort.isTaken(port)) {
            System.err.println("port " + port + " is already in use; choose another with " + variable + "=<port>");
            System.exit(1);
        }
    }

    private static void writeReady(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
