package io.graylane.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;

/**
 * Entry point of the broker process: formats the storage on first start, then runs {@code kafka.Kafka}
 * until SIGTERM, on which Kafka shuts down in order.
 *
 * <p>Arguments: {@code <server.properties> <data directory>}.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BrokerMain <server.properties> <data directory>");
            System.exit(2);
        }
        format(args[0], Path.of(args[1]));
        kafka.Kafka.main(new String[] {args[0]});
    }

    private static void format(String properties, Path dataDir) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        String[] formatArgs = {"format", "--cluster-id", Uuid.randomUuid().toString(),
            "--config", properties, "--ignore-formatted"};
        int exit = kafka.tools.StorageTool.execute(formatArgs, System.out);
        if (exit != 0) {
            throw new IllegalStateException("formatting " + dataDir + " failed with exit code " + exit);
        }
    }
}
