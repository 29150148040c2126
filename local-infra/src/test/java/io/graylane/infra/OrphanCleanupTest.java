package io.graylane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a test JVM is killed outright, its broker and PostgreSQL still go away with their data. */
class OrphanCleanupTest {

    @Test
    void aKilledJvmLeavesNoBrokerNoPostgresAndNoData() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartsInfrastructure.class.getName())
                .redirectErrorStream(true).start();
        Path kafkaHome;
        Path postgresData;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            kafkaHome = Path.of(awaitLine(out, "kafka-home="));
            postgresData = Path.of(awaitLine(out, "postgres-data="));
        }
        long brokerPid = brokerPid(kafkaHome);
        assertThat(brokerPid).isPositive();
        assertThat(postgresData.resolve("postmaster.pid")).exists();
        long postmasterPid = Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim());

        child.destroyForcibly().waitFor();

        awaitGone(brokerPid);
        awaitGone(postmasterPid);
        awaitDeleted(kafkaHome);
        awaitDeleted(postgresData);
    }

    private static String awaitLine(BufferedReader out, String prefix) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new AssertionError("the child JVM ended before printing " + prefix);
    }

    private static long brokerPid(Path kafkaHome) throws Exception {
        long pid = Long.parseLong(Files.readString(kafkaHome.resolve("broker.pid")).trim());
        assertThat(ProcessHandle.of(pid).flatMap(p -> p.info().command())).get().asString().endsWith("java");
        return pid;
    }

    private static void awaitGone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process %d", pid).isNotEqualTo(
                java.util.Optional.of(true));
    }

    private static void awaitDeleted(Path dir) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Files.exists(dir) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(dir).doesNotExist();
    }

    /** The child JVM: starts the shared infrastructure, says where it lives, then waits to be killed. */
    public static final class StartsInfrastructure {
        public static void main(String[] args) throws InterruptedException {
            SharedPostgres.jdbcUrl();
            KafkaBroker broker = SharedKafka.broker();
            System.out.println("kafka-home=" + broker.home());
            System.out.println("postgres-data=" + SharedPostgres.dataDir());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
