package io.graylane.e2e;

import io.graylane.infra.FreePort;
import io.graylane.infra.PostgresServer;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.SharedPostgres;
import io.graylane.kube.StandInServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

/**
 * The whole suite for the end-to-end tests, started once per test JVM: real Kafka and PostgreSQL, the
 * local Kubernetes stand-in (a Deployment controller included), and release-service and traffic-service as
 * separate processes.
 */
final class Suite {

    private static Suite running;
    /** Held so the setting stays: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

    final StandInServer kubernetes;
    ServiceProcess releaseService;
    ServiceProcess trafficService;
    private final int releasePort = FreePort.find();
    private final Map<String, String> releaseEnvironment;
    private final Map<String, String> trafficEnvironment;

    private Suite() {
        String kafka = SharedKafka.broker().bootstrapServers();
        kubernetes = StandInServer.start(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(300));
        Runtime.getRuntime().addShutdownHook(new Thread(kubernetes::close));
        releaseEnvironment = Map.of(
                "GRAYLANE_DB_URL", SharedPostgres.jdbcUrl(),
                "GRAYLANE_DB_USER", PostgresServer.USER,
                "GRAYLANE_KAFKA_BOOTSTRAP", kafka);
        startReleaseService();
        trafficEnvironment = Map.of(
                "GRAYLANE_KAFKA_BOOTSTRAP", kafka,
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", kubernetes.url(),
                "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
                "GRAYLANE_RECONCILE_CANDIDATE_TIMEOUT", "1m");
        trafficService = startTrafficService();
    }

    static synchronized Suite get() {
        if (running == null) {
            running = new Suite();
        }
        return running;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** A new release-service process on the same port (API URLs stay valid), after the previous one was killed. */
    ServiceProcess startReleaseService() {
        releaseService = new ServiceProcess("release-service", releasePort, releaseEnvironment).start();
        return releaseService;
    }

    /** A new traffic-service process, after the previous one was stopped or killed. */
    ServiceProcess startTrafficService() {
        trafficService = new ServiceProcess("traffic-service", FreePort.find(), trafficEnvironment).start();
        return trafficService;
    }
}
