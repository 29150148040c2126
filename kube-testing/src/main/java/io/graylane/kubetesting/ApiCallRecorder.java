package io.graylane.kubetesting;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.graylane.kube.StandInServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records the calls the service under test makes to the Kubernetes test server, into {@link #FILE}, so that
 * {@link Rbac} can check its rules cover them. Set it up with
 * {@code @WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)}; {@link StandInCluster} records
 * the calls to the stand-in. The service's own client is
 * told apart from the tests' by its bearer token, {@code %test.quarkus.kubernetes-client.token=}
 * {@value #SERVICE_TOKEN} in its application.properties (the test server checks no credentials).
 */
public final class ApiCallRecorder implements Consumer<KubernetesServer> {

    public static final String SERVICE_TOKEN = "service-under-test";
    public static final Path FILE = Path.of("target", "kubernetes-api-calls.txt");

    /** A JVM-wide mark (this class may be loaded once per application start) that the record was reset. */
    private static final String RESET = "kubetesting.api-calls.reset";

    @Override
    public void accept(KubernetesServer server) {
        record(timeout -> server.getKubernetesMockServer().takeRequest(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Records the service's calls to the stand-in. */
    public static void record(StandInServer server) {
        record(server::takeRequest);
    }

    /** The next request the server received, or null after the timeout. */
    @FunctionalInterface
    interface Requests {
        RecordedRequest take(Duration timeout) throws InterruptedException;
    }

    private static void record(Requests requests) {
        synchronized (System.getProperties()) {
            if (System.getProperty(RESET) == null) {
                try {
                    Files.deleteIfExists(FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(RESET, "true");
            }
        }
        Thread drain = new Thread(() -> {
            while (true) {
                try {
                    RecordedRequest request = requests.take(Duration.ofSeconds(1));
                    if (request != null && ("Bearer " + SERVICE_TOKEN).equals(request.getHeader("Authorization"))) {
                        ApiCall.of(request.getMethod(), request.getPath()).ifPresent(ApiCallRecorder::append);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException closed) {
                    return;
                }
            }
        }, "kubernetes-api-call-recorder");
        drain.setDaemon(true);
        drain.start();
    }

    /** Calls written already, as RBAC tells them apart (namespaced or not, not which namespace). */
    private static final Set<String> WRITTEN = new HashSet<>();

    private static synchronized void append(ApiCall call) {
        if (!WRITTEN.add(call.toString())) {
            return;
        }
        String line = String.join("\t", call.group(), call.resource(), call.verb(),
                call.namespace() == null ? "-" : call.namespace()) + "\n";
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct calls recorded so far. */
    public static Set<ApiCall> recorded() {
        try {
            Set<ApiCall> calls = new TreeSet<>(java.util.Comparator.comparing(ApiCall::toString));
            for (String line : Files.exists(FILE) ? Files.readAllLines(FILE) : List.<String>of()) {
                String[] fields = line.split("\t", -1);
                calls.add(new ApiCall(fields[0], fields[1], fields[2], fields[3].equals("-") ? null : fields[3]));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
