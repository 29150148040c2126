package io.graylane.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * The local Kubernetes API stand-in, for {@code ./graylane up} and for the tests: the fabric8 mock server's
 * store behind the checks a real API server makes ({@link ClusterDispatcher}), and a Deployment controller
 * ({@link DeploymentController}). Plain HTTP; it checks no credentials. Not a cluster: no scheduling, no pods,
 * nothing persisted.
 */
public final class StandInServer implements AutoCloseable {

    /** How long a stand-in pod takes to become ready by default. */
    public static final Duration POD_STARTUP = Duration.ofMillis(500);

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final DeploymentController deployments;

    private StandInServer(InetAddress address, int port, Duration podStartup) {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new ClusterDispatcher(expectations, Clock.systemUTC()), false);
        server.init(address, port);
        client = server.createClient(builder -> builder.editOrNewConfig().withUserAgent("graylane-stand-in/1")
                .endConfig());
        deployments = new DeploymentController(client, podStartup, Clock.systemUTC());
        deployments.start();
    }

    /** Starts a stand-in on {@code port} of {@code address} (0: any free port). */
    public static StandInServer start(InetAddress address, int port, Duration podStartup) {
        return new StandInServer(address, port, podStartup);
    }

    /** A client of the stand-in, with the stand-in's own field manager. */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return client.getMasterUrl().toString();
    }

    /** What the tests make the Deployment controller do. */
    public DeploymentController deployments() {
        return deployments;
    }

    /** An answer given instead of the store's, as with the mock server's {@code expect()}. */
    public MockServerExpectation expect() {
        return server.expect();
    }

    public void clearExpectations() {
        server.clearExpectations();
    }

    /** The next request the server received, or null after {@code timeout}. */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        return server.takeRequest(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        deployments.close();
        client.close();
        server.destroy();
    }
}
