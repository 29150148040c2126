package io.graylane.bookinfo.traffic;

import io.graylane.bookinfo.config.DeployerConfig;
import io.graylane.bookinfo.config.DeployerConfig.Mode;
import io.graylane.bookinfo.deploy.BookinfoDeployer;
import io.graylane.bookinfo.deploy.KubeProblem;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The traffic runs, at most one per namespace: starting one stops the one before. A finished run stays
 * readable until the next starts.
 */
@ApplicationScoped
public class TrafficRuns {

    private final DeployerConfig config;
    private final BookinfoDeployer deployer;
    private final MeshRouting routing;
    private final Clock clock;
    private final IstioMetrics metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, TrafficRun> runs = new ConcurrentHashMap<>();

    TrafficRuns(DeployerConfig config, BookinfoDeployer deployer, MeshRouting routing, Clock clock,
            IstioMetrics metrics) {
        this.config = config;
        this.deployer = deployer;
        this.routing = routing;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Mode mode() {
        return config.traffic().mode();
    }

    public TrafficView start(String namespace, TrafficRequest request) {
        deployer.status(namespace);
        Tally tally = new Tally();
        TrafficRun run = mode() == Mode.simulated ? simulated(namespace, request, tally) : real(namespace, request,
                tally);
        TrafficRun before = runs.put(namespace, run);
        if (before != null) {
            before.stop();
        }
        run.start();
        return run.view();
    }

    public Optional<TrafficView> view(String namespace) {
        return Optional.ofNullable(runs.get(namespace)).map(TrafficRun::view);
    }

    public Optional<TrafficView> stop(String namespace) {
        TrafficRun run = runs.get(namespace);
        if (run == null) {
            return Optional.empty();
        }
        run.stop();
        return Optional.of(run.view());
    }

    @PreDestroy
    void stopAll() {
        runs.values().forEach(TrafficRun::stop);
    }

    private TrafficRun simulated(String namespace, TrafficRequest request, Tally tally) {
        URI observability = config.traffic().observabilityUrl();
        AtomicReference<Map<String, ServiceRouting>> current = new AtomicReference<>(read(namespace));
        SimulatedMesh mesh = new SimulatedMesh(namespace, current::get,
                new SimulatedMesh.Faults(request.errorRates(), request.latencyFactors()),
                new ZipkinSender(http, observability, tally),
                request.seed() == null ? new Random() : new Random(request.seed()),
                () -> clock.millis() * 1000, metrics, request.sampling());
        return new TrafficRun(namespace, Mode.simulated, request.rate(), request.durationSeconds(),
                observability.resolve("/api/v2/spans").toString(), mesh, tally, () -> current.set(read(namespace)),
                clock);
    }

    private TrafficRun real(String namespace, TrafficRequest request, Tally tally) {
        URI url = request.productpageUrl() == null ? config.traffic().productpageUrl()
                : URI.create(request.productpageUrl());
        return new TrafficRun(namespace, Mode.real, request.rate(), request.durationSeconds(), url.toString(),
                new RealProductpage(http, url), tally, () -> { }, clock);
    }

    private Map<String, ServiceRouting> read(String namespace) {
        try {
            return routing.read(namespace);
        } catch (KubernetesClientException e) {
            throw KubeProblem.of(e, "read the routing of namespace " + namespace);
        }
    }
}
