package io.graylane.infra;

import io.graylane.issuer.IssuerKeys;
import io.graylane.issuer.IssuerServer;
import io.graylane.issuer.LocalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The infrastructure of {@code ./graylane up}: Kafka and a durable PostgreSQL keeping their data under the
 * launcher's home, and the local token issuer (its key under the home too). Runs until SIGTERM, then stops them
 * in order.
 *
 * <p>Arguments: {@code --home DIR --kafka-port N --kafka-controller-port N --postgres-port N --database NAME
 * --issuer-port N}.
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
        int issuerPort = Integer.parseInt(options.getOrDefault("issuer-port", "8180"));
        requireFree(kafkaPort, "GRAYLANE_KAFKA_PORT");
        requireFree(issuerPort, "GRAYLANE_ISSUER_PORT");
        requireFree(controllerPort, "GRAYLANE_KAFKA_CONTROLLER_PORT");
        requireFree(postgresPort, "GRAYLANE_POSTGRES_PORT");

        PostgresServer postgres = PostgresServer.durable(postgresPort, home.resolve("postgres"));
        postgres.createDatabase(database);
        KafkaBroker kafka = new KafkaBroker(kafkaPort, controllerPort, home.resolve("kafka"), false);
        kafka.start();
        IssuerServer issuer = IssuerServer.start(IssuerKeys.in(LocalIssuer.keyDirectory(home)), issuerPort);
        Path ready = home.resolve("run/infra.ready");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.close();
            kafka.stop();
            postgres.close();
            ready.toFile().delete();
        }, "infra-stop"));
        writeReady(ready, "kafka=" + kafka.bootstrapServers() + "\npostgres=" + postgres.jdbcUrl(database)
                 + "\nissuer=" + issuer.issuer()
                + "\nfsync=" + postgres.setting("fsync") + "\nsynchronous_commit=" + postgres.setting("synchronous_commit") + "\n");
        System.out.println("infrastructure ready: kafka " + kafka.bootstrapServers() + ", postgres "
                + postgres.jdbcUrl(database) + ", token issuer " + issuer.issuer());
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
