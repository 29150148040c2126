package io.graylane.traffic;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The tutorial's starting point (examples/tutorial-reviews-v1.yaml) in a namespace of each test's own. */
public final class Bookinfo {

    private static final Path TUTORIAL = Path.of("..", "examples", "tutorial-reviews-v1.yaml");

    private Bookinfo() {
    }

    public static String freshNamespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the reviews Service, the reviews-v1 Deployment, its DestinationRule and VirtualService. */
    public static void seed(KubernetesClient client, String namespace) {
        try (InputStream in = Files.newInputStream(TUTORIAL)) {
            for (HasMetadata object : client.load(in).items()) {
                object.getMetadata().setNamespace(namespace);
                client.resource(object).create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plays the Deployment controller: reports every replica of the Deployment available. */
    public static void makeAvailable(KubernetesClient client, String namespace, String name) {
        Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .withUpdatedReplicas(replicas).withObservedGeneration(d.getMetadata().getGeneration()).build());
            return d;
        });
    }
}
