package io.graylane.release.rollout;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The rollouts' clock: every second, what is due on each rollout (a step to start, a step over, a pause for
 * lack of evidence, a promotion) is read, its gates asked outside any transaction, and it is carried out under
 * the release's lock. The timers are the step's times in PostgreSQL, so any replica, after any restart, goes on
 * from there.
 */
@ApplicationScoped
public class RolloutTimers {

    private static final Logger LOG = Logger.getLogger(RolloutTimers.class);

    private final Rollouts rollouts;
    private final WebhookClient webhooks;

    RolloutTimers(Rollouts rollouts, WebhookClient webhooks) {
        this.rollouts = rollouts;
        this.webhooks = webhooks;
    }

    @Scheduled(every = "${graylane.rollout.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (Rollouts.Due due : rollouts.due()) {
            try {
                Optional<String> refusal = due.gates().isEmpty() ? Optional.empty()
                        : webhooks.askGates(due.gates(), due.call());
                rollouts.carryOut(due, refusal);
            } catch (RuntimeException e) {
                LOG.warnf(e, "rollout of %s/%s: %s not carried out; trying again", due.namespace(), due.name(),
                        due.start() ? "step start" : due.move());
            }
        }
    }
}
