package io.graylane.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * An Apache Kafka broker in KRaft mode (broker and controller in one) running as a process of its own,
 * with the classpath the kafka-broker module wrote. Its data survives {@link #stop()} and {@link #start()}.
 */
public final class KafkaBroker {

    private static final String CLASSPATH_RESOURCE = "io/graylane/kafka/broker.classpath";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final int port;
    private final int controllerPort;
    private final Path home;
    private final boolean ephemeral;
    private final SaslPlain sasl;
    private volatile ProcessHandle process;

    /**
     * Clients must authenticate with SASL/PLAIN as {@code username} (the broker knows no other user). The
     * password is chosen by the test that starts the broker, never written in the repository.
     */
    public record SaslPlain(String username, String password) {

        /** The settings a client needs, as Kafka clients name them. */
        public Map<String, String> clientProperties() {
            return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                            + "\" password=\"" + password + "\";");
        }
    }

    /**
     * @param home directory holding the configuration, the data ({@code data/}) and the log ({@code broker.log})
     * @param ephemeral whether the broker and its home go when this JVM does (tests); otherwise the broker
     *                  only shuts down in order and keeps its data
     */
    public KafkaBroker(int port, int controllerPort, Path home, boolean ephemeral) {
        this(port, controllerPort, home, ephemeral, null);
    }

    /** A broker whose client listener requires SASL/PLAIN ({@code sasl}); {@code null}: plain text. */
    public KafkaBroker(int port, int controllerPort, Path home, boolean ephemeral, SaslPlain sasl) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.home = home;
        this.ephemeral = ephemeral;
        this.sasl = sasl;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path home() {
        return home;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** Holds the pid of the running broker, for copies of this class in other class loaders. */
    public Path pidFile() {
        return home.resolve("broker.pid");
    }

    /** The broker process, found through its pid file when another copy of this class started it. */
    private ProcessHandle process() {
        if (process == null && Files.exists(pidFile())) {
            try {
                process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim())).orElse(null);
            } catch (IOException | NumberFormatException e) {
                return null;
            }
        }
        return process;
    }

    /** Starts the broker process and returns once it answers clients. */
    public synchronized void start() {
        Directories.create(home);
        Path properties = writeProperties();
        ProcessBuilder builder = new ProcessBuilder(javaCommand(properties))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            process = builder.start().toHandle();
            Files.writeString(pidFile(), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
        Reaper.afterThisProcess(ephemeral
                ? "kill -KILL " + process.pid() + "; rm -rf " + Reaper.quote(home)
                : "kill -TERM " + process.pid());
        awaitReady();
    }

    /** Stops the broker in order (SIGTERM), forcibly after 30 seconds; the data stays. */
    public synchronized void stop() {
        ProcessHandle running = process();
        if (running == null || !running.isAlive()) {
            return;
        }
        running.destroy();
        try {
            running.onExit().get(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            running.destroyForcibly();
        }
        process = null;
    }

    /** Kills the broker at once and deletes its directory. */
    public synchronized void destroy() {
        ProcessHandle running = process();
        if (running != null) {
            running.destroyForcibly();
            running.onExit().join();
            process = null;
        }
        Directories.delete(home);
    }

    /** {@code settings} with what a client needs to be let in (SASL), as a map for a Kafka client. */
    public Map<String, Object> clientProperties(Map<String, ?> settings) {
        Map<String, Object> all = new java.util.HashMap<>(settings);
        if (sasl != null) {
            all.putAll(sasl.clientProperties());
        }
        return all;
    }

    public Path log() {
        return home.resolve("broker.log");
    }

    private Path writeProperties() {
        String listener = sasl == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", listener + "://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", listener),
                Map.entry("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", home.resolve("data").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        if (sasl != null) {
            settings.put("sasl.enabled.mechanisms", "PLAIN");
            settings.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            settings.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + sasl.username()
                            + "\" password=\"" + sasl.password() + "\" user_" + sasl.username() + "=\""
                            + sasl.password() + "\";");
        }
        StringBuilder text = new StringBuilder("# Written by local-infra's KafkaBroker on every start.\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = home.resolve("server.properties");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private List<String> javaCommand(Path properties) {
        return List.of(ProcessClasspath.java(), "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=kafka-broker-log4j2.properties",
                "-cp", ProcessClasspath.of(CLASSPATH_RESOURCE), "io.graylane.kafka.BrokerMain",
                properties.toString(), home.resolve("data").toString());
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        try (Admin admin = Admin.create(clientProperties(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000")))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited while starting:\n"
                            + Directories.tail(log(), 30));
                }
                if (answers(admin)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the Kafka broker did not start within " + STARTUP_TIMEOUT + ":\n"
                + Directories.tail(log(), 30));
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
            return false;
        }
    }
}
