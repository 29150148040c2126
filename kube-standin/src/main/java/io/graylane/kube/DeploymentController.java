package io.graylane.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays Kubernetes' Deployment controller and the kubelets behind it, since no pod runs here: watches every
 * Deployment and writes its status as its pods would make it ({@link Rollout}): {@code observedGeneration},
 * {@code updatedReplicas}, {@code readyReplicas}, {@code availableReplicas} and the {@code Available} and
 * {@code Progressing} conditions, one replica at a time, honouring {@code minReadySeconds}.
 *
 * <p>The annotation {@value #READY} on a Deployment changes how its pods behave: {@code "false"} reports it
 * unready (no ready or available replica, {@code Available} false) until the annotation is removed, even if it
 * was ready; {@code "fail"} makes its rollout exceed its progress deadline. Only the stand-in reads it. Tests
 * can do the same before a Deployment exists with {@link #hold}.
 */
public final class DeploymentController implements AutoCloseable {

    public static final String READY = "stand-in.graylane.io/ready";
    private static final Logger LOG = Logger.getLogger(DeploymentController.class.getName());

    private final KubernetesClient client;
    private final Duration podStartup;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stand-in-deployment-controller");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    private final Map<String, Rollout.Readiness> held = new ConcurrentHashMap<>();
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Deployment> informer;

    DeploymentController(KubernetesClient client, Duration podStartup, Clock clock) {
        if (podStartup.isNegative() || podStartup.isZero()) {
            throw new IllegalArgumentException("pods need some time to start, got " + podStartup);
        }
        this.client = client;
        this.podStartup = podStartup;
        this.clock = clock;
    }

    void start() {
        informer = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                tickSoon(key(deployment));
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                tickSoon(key(after));
            }

            @Override
            public void onDelete(Deployment deployment, boolean finalStateUnknown) {
                rollouts.remove(key(deployment));
            }
        }, 0);
    }

    /**
     * Makes the Deployment {@code namespace/name} behave as the annotation {@value #READY} with
     * {@code "false"} ({@code fail} false) or {@code "fail"} (true) would, whether it exists yet or not.
     */
    public void hold(String namespace, String name, boolean fail) {
        held.put(namespace + "/" + name, fail ? Rollout.Readiness.FAIL : Rollout.Readiness.UNREADY);
        tickSoon(namespace + "/" + name);
    }

    /** Ends a {@link #hold}: the Deployment's pods become ready as they start. */
    public void release(String namespace, String name) {
        held.remove(namespace + "/" + name);
        tickSoon(namespace + "/" + name);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (informer != null) {
            informer.close();
        }
    }

    private void tickSoon(String key) {
        tickAt(key, clock.instant());
    }

    private void tickAt(String key, Instant when) {
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
        if (delay == 0 || scheduled.add(key + "@" + when.toEpochMilli())) {
            timer.schedule(() -> {
                scheduled.remove(key + "@" + when.toEpochMilli());
                tick(key);
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the status the Deployment's pods have now, and comes back when they change. */
    private void tick(String key) {
        Deployment deployment = informer == null ? null : informer.getStore().getByKey(key);
        if (deployment == null) {
            return;
        }
        Instant now = clock.instant();
        Rollout rollout = rollouts.computeIfAbsent(key, k -> new Rollout(deployment.getMetadata().getName(),
                podStartup));
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int minReady = deployment.getSpec().getMinReadySeconds() == null ? 0 : deployment.getSpec().getMinReadySeconds();
        rollout.observe(Serialization.asJson(deployment.getSpec().getTemplate()), replicas, minReady,
                deployment.getMetadata().getGeneration() == null ? 1 : deployment.getMetadata().getGeneration(), now);
        DeploymentStatus status = rollout.status(readiness(key, deployment), now);
        if (!sameExceptTimes(status, deployment.getStatus())) {
            write(deployment, status, key);
        }
        rollout.nextChange(now).ifPresent(next -> tickAt(key, next));
    }

    private Rollout.Readiness readiness(String key, Deployment deployment) {
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        String annotation = annotations == null ? null : annotations.get(READY);
        if ("fail".equals(annotation)) {
            return Rollout.Readiness.FAIL;
        }
        if ("false".equals(annotation)) {
            return Rollout.Readiness.UNREADY;
        }
        return held.getOrDefault(key, Rollout.Readiness.NORMAL);
    }

    private void write(Deployment deployment, DeploymentStatus status, String key) {
        Deployment copy = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment).withStatus(status)
                .build();
        try {
            client.resource(copy).subresource("status").update();
        } catch (KubernetesClientException e) {
            // Changed or deleted meanwhile: the watch brings the change and another tick.
            LOG.log(Level.FINE, "status of " + key + " not written: " + e.getMessage());
            tickAt(key, clock.instant().plusMillis(100));
        }
    }

    private static boolean sameExceptTimes(DeploymentStatus wanted, DeploymentStatus current) {
        if (current == null) {
            return false;
        }
        DeploymentStatus a = new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder(wanted)
                .withConditions(wanted.getConditions().stream().map(c -> c.toBuilder().withLastUpdateTime(null)
                        .withLastTransitionTime(null).build()).toList()).build();
        DeploymentStatus b = new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder(current)
                .withConditions(current.getConditions() == null ? java.util.List.of() : current.getConditions()
                        .stream().map(c -> c.toBuilder().withLastUpdateTime(null).withLastTransitionTime(null).build())
                        .toList()).build();
        return Objects.equals(a, b);
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }
}
