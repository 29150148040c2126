package io.graylane.e2e;

import io.graylane.infra.FreePort;
import io.graylane.infra.SharedIssuer;
import io.graylane.infra.HttpReady;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged Graylane service running as a process of its own, as in production. */
final class ServiceProcess {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> program;
    private final String readyPath;
    /** observability-service's span ingest port (GRAYLANE_INGEST_PORT, or a free one), apart from its API's. */
    private final int ingestPort;
    private Process process;

    /** A packaged Quarkus service: {@code <name>/target/quarkus-app/quarkus-run.jar}, ready by its health check. */
    ServiceProcess(String name, int port, Map<String, String> environment) {
        this(name, port, environment, List.of("-jar", root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar")
                .toString()), "/q/health/ready");
    }

    private ServiceProcess(String name, int port, Map<String, String> environment, List<String> program,
            String readyPath) {
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.program = program;
        this.readyPath = readyPath;
        this.ingestPort = environment.containsKey("GRAYLANE_INGEST_PORT")
                ? Integer.parseInt(environment.get("GRAYLANE_INGEST_PORT")) : FreePort.find();
    }

    /** The local Kubernetes API stand-in of {@code ./graylane up}, ready when it answers a list. */
    static ServiceProcess kubeStandIn(int port) {
        return new ServiceProcess("kube-standin", port, Map.of(), List.of("-cp", launcherClasspath("kube-standin"),
                "io.graylane.kube.StandIn", "--port", Integer.toString(port)), "/api/v1/namespaces/default/services");
    }

    /** The classpath {@code ./graylane} runs a plain-Java module with: its jar and its launcher.classpath. */
    static String launcherClasspath(String module) {
        Path target = root().resolve(module).resolve("target");
        try (var jars = Files.list(target)) {
            String jar = jars.filter(path -> path.getFileName().toString().startsWith(module + "-")
                    && path.toString().endsWith(".jar")).map(Path::toString).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + target + ": package " + module));
            return jar + java.io.File.pathSeparator + Files.readString(target.resolve("launcher.classpath")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + module + "'s classpath; package it first", e);
        }
    }

    static Path root() {
        return Path.of(System.getProperty("graylane.root", ".."));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Where observability-service takes spans (Zipkin, OTLP/HTTP): its ingest port. */
    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the program and returns once it reports ready. */
    ServiceProcess start() {
        Path log = Path.of("target", "e2e-logs", name + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m"));
            command.addAll(program);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("GRAYLANE_INGEST_PORT", Integer.toString(ingestPort));
            builder.environment().put("GRAYLANE_OIDC_ISSUER", SharedIssuer.issuer());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitReady(log);
        return this;
    }

    /** Stops it as Kubernetes would (SIGTERM), waiting for the end. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Kills it outright (SIGKILL), as a crashed node would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitReady(Path log) {
        if (!HttpReady.await(process, URI.create(url() + readyPath), STARTUP)) {
            throw new IllegalStateException(name + (process.isAlive() ? " not ready within " + STARTUP
                    : " exited while starting") + "; see " + log.toAbsolutePath());
        }
    }
}
