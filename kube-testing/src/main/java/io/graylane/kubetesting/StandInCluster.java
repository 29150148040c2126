package io.graylane.kubetesting;

import io.fabric8.kubernetes.client.Config;
import io.graylane.kube.StandInServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The local Kubernetes API stand-in (the one {@code ./graylane up} runs) for a {@code @QuarkusTest}:
 * {@code @WithTestResource(StandInCluster.class)}, and a field {@code @InjectStandIn StandInServer}. It behaves
 * like a cluster where Graylane can tell (Deployments roll out pod by pod, selectors are immutable, writers are
 * recorded in managedFields); the service's calls are recorded for the RBAC check ({@link ApiCallRecorder}).
 */
public final class StandInCluster implements QuarkusTestResourceLifecycleManager {

    /** Stand-in pods start faster than real ones, so tests do not wait long. */
    public static final Duration POD_STARTUP = Duration.ofMillis(300);

    private StandInServer server;

    @Override
    public Map<String, String> start() {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        server = StandInServer.start(InetAddress.getLoopbackAddress(), 0, POD_STARTUP);
        ApiCallRecorder.record(server);
        Map<String, String> properties = new HashMap<>();
        properties.put(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, server.url());
        properties.put(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        properties.put(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        properties.put(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "test");
        properties.put(Config.KUBERNETES_HTTP2_DISABLE, "true");
        // fabric8 reads these as system properties, not from Quarkus' configuration.
        properties.forEach(System::setProperty);
        properties.put("quarkus.kubernetes-client.api-server-url", server.url());
        return properties;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectStandIn.class,
                StandInServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
