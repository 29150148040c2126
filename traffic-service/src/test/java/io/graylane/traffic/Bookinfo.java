package io.graylane.traffic;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
}
