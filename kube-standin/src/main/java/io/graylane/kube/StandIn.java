package io.graylane.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local Kubernetes API for {@code ./graylane up} when no cluster is given: the fabric8 mock server in CRUD
 * mode on {@code --port} (plain HTTP, loopback only). It also plays the Deployment controller: a moment after
 * a Deployment is written, its replicas are reported available, so that releases progress locally.
 */
public final class StandIn {

    private static final long AVAILABLE_AFTER_MILLIS = 1_000;
    /** Held so the setting stays: the mock server logs every request at INFO. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private StandIn() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 6443;
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), port, List.of());
        server.before();
        Runtime.getRuntime().addShutdownHook(new Thread(server::after, "stand-in-stop"));
        KubernetesClient client = server.getClient();
        playDeploymentController(client);
        System.out.println("Kubernetes API stand-in (fabric8 mock server, CRUD mode) on " + client.getMasterUrl()
                + "; Deployments become available " + AVAILABLE_AFTER_MILLIS + " ms after they are written");
        Thread.currentThread().join();
    }

    private static void playDeploymentController(KubernetesClient client) {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
        client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                scheduleIfNotAvailable(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                scheduleIfNotAvailable(after);
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                // nothing runs, nothing to stop
            }

            private void scheduleIfNotAvailable(Deployment deployment) {
                if (!available(deployment)) {
                    timer.schedule(() -> markAvailable(client, deployment), AVAILABLE_AFTER_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
            }
        }, 0);
    }

    private static boolean available(Deployment deployment) {
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        return deployment.getStatus() != null && Objects.equals(deployment.getStatus().getAvailableReplicas(), wanted);
    }

    private static void markAvailable(KubernetesClient client, Deployment deployment) {
        try {
            client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName()).editStatus(d -> {
                        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                        d.setStatus(new DeploymentStatusBuilder().withReplicas(replicas).withReadyReplicas(replicas)
                                .withAvailableReplicas(replicas).withUpdatedReplicas(replicas).build());
                        return d;
                    });
        } catch (RuntimeException gone) {
            // deleted in the meantime
        }
    }
}
