package io.graylane.release.rollout;

import io.graylane.events.CloudEvent;
import io.graylane.events.EventCodec;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutDecision;
import io.graylane.release.config.ReleaseServiceConfig;
import io.graylane.release.domain.DecisionEntry;
import io.graylane.release.domain.Release;
import io.graylane.release.events.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Records a rollout decision in the caller's transaction: the stored decision, its event on
 * {@code graylane.rollouts} (through the outbox) and the notifying webhooks it concerns (through the webhook
 * outbox), so all of them commit with the change the decision made, or none does.
 */
@ApplicationScoped
public class RolloutJournal {

    private final Outbox outbox;
    private final EventCodec codec;
    private final WebhookClient webhooks;
    private final Clock clock;
    private final String source;

    RolloutJournal(Outbox outbox, EventCodec codec, WebhookClient webhooks, Clock clock, ReleaseServiceConfig config) {
        this.outbox = outbox;
        this.codec = codec;
        this.webhooks = webhooks;
        this.clock = clock;
        this.source = config.events().source();
    }

    /** A decision taken in the release's current step, under its current weights. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(Release release, String action, String actor, String reason, List<CheckVerdict> verdicts) {
        decided(release, release.rolloutStatus.step(), release.traffic == null ? null : release.traffic.weights(),
                action, actor, reason, verdicts);
    }

    /** A decision taken in step {@code step} (0-based) under {@code weights}, which it may have changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(Release release, int step, Map<String, Integer> weights, String action, String actor,
            String reason, List<CheckVerdict> verdicts) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        DecisionEntry entry = new DecisionEntry();
        entry.releaseId = release.id;
        entry.occurredAt = now;
        entry.generation = release.generation;
        entry.step = step + 1;
        entry.weights = weights;
        entry.verdicts = verdicts;
        entry.action = action;
        entry.actor = actor;
        entry.reason = reason;
        entry.state = release.rolloutStatus.state();
        entry.persist();
        RolloutDecision decision = view(release, entry);
        CloudEvent event = codec.create(source, EventTypes.ROLLOUT_DECISION,
                CloudEvent.subject(release.namespace, release.name), decision);
        outbox.add(Topics.ROLLOUTS, Topics.recordKey(release.namespace, release.service), event);
        notify(release, Rollout.WebhookType.EVENT, action, reason, now);
        if (action.equals("rollback")) {
            notify(release, Rollout.WebhookType.ROLLBACK, action, reason, now);
        } else if (action.equals("complete")) {
            notify(release, Rollout.WebhookType.POST_ROLLOUT, action, reason, now);
        }
    }

    /** The call a webhook receives about the release as it stands. */
    public static WebhookCall call(Release release, String action, String reason) {
        return new WebhookCall(null, release.namespace, release.name, release.service, release.phase.name(),
                release.rolloutStatus.step() + 1, release.traffic == null ? null : release.traffic.weights(),
                release.rolloutStatus.state().name(), action, reason, release.baseline.version(),
                release.candidate.version());
    }

    public static RolloutDecision view(Release release, DecisionEntry entry) {
        return new RolloutDecision(release.namespace, release.name, release.service, entry.occurredAt,
                entry.generation, entry.step, entry.weights, entry.verdicts, entry.action, entry.actor, entry.reason,
                entry.state);
    }

    private void notify(Release release, Rollout.WebhookType type, String action, String reason,
            OffsetDateTime now) {
        for (Rollout.Webhook hook : WebhookCall.of(release.rollout, type)) {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.url = hook.url();
            delivery.type = WebhookClient.typeName(type);
            delivery.payload = webhooks.write(WebhookClient.withType(call(release, action, reason), type));
            delivery.nextAttempt = now;
            delivery.createdAt = now;
            delivery.persist();
        }
    }
}
