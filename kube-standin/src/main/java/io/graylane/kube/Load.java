package io.graylane.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads Kubernetes and Istio objects from YAML files into a namespace of an API server, replacing what is
 * there: {@code ./graylane kube-load NAMESPACE FILE...}. The stand-in has no discovery API, so kubectl can't.
 *
 * <p>Arguments: {@code --server URL --namespace NAMESPACE FILE...}.
 */
public final class Load {

    private Load() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5 || !args[0].equals("--server") || !args[2].equals("--namespace")) {
            System.err.println("usage: Load --server URL --namespace NAMESPACE FILE...");
            System.exit(2);
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[1]).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            for (int i = 4; i < args.length; i++) {
                try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                    for (HasMetadata object : client.load(in).items()) {
                        object.getMetadata().setNamespace(args[3]);
                        client.resource(object).inNamespace(args[3]).createOr(existing -> existing.update());
                        System.out.println(object.getKind() + "/" + object.getMetadata().getName() + " loaded into "
                                + args[3]);
                    }
                }
            }
        }
    }
}
