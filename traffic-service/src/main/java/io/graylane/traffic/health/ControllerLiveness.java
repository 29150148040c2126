package io.graylane.traffic.health;

import io.graylane.traffic.domain.ReleaseController;
import io.graylane.traffic.events.ReleaseFeed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when traffic-service can no longer do its work and a restart is the cure: the release feed's thread
 * died or stopped going round its loop, or a reconciler worker died or is stuck in one pass. Kubernetes' liveness
 * probe ({@code /q/health/live}) then restarts it.
 */
@Liveness
@ApplicationScoped
public class ControllerLiveness implements HealthCheck {

    /** The feed goes round at least every 10 s (a poll, or a wait for Kafka's metadata). */
    private static final Duration FEED_SILENCE = Duration.ofMinutes(2);

    private final ReleaseFeed feed;
    private final ReleaseController controller;

    ControllerLiveness(ReleaseFeed feed, ReleaseController controller) {
        this.feed = feed;
        this.controller = controller;
    }

    @Override
    public HealthCheckResponse call() {
        boolean feedLive = feed.live(FEED_SILENCE);
        boolean workersLive = controller.live();
        return HealthCheckResponse.named("release controller").status(feedLive && workersLive)
                .withData("releaseFeed", feedLive ? "running" : "stopped")
                .withData("reconcilers", workersLive ? "running" : "stopped or stuck").build();
    }
}
