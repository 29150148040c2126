package io.graylane.release.rollout;

import io.graylane.events.release.Rollout;
import java.util.List;
import java.util.Map;

/**
 * What a webhook is told, as JSON: Flagger's fields ({@code name}, {@code namespace}, {@code phase}) and
 * Graylane's (the hook's {@code type}, the step and its weights, the rollout's state and reason).
 */
public record WebhookCall(
        String type,
        String namespace,
        String name,
        String service,
        String phase,
        int step,
        Map<String, Integer> weights,
        String state,
        String action,
        String reason,
        String baseline,
        String candidate) {

    /** The hooks of {@code type} among the rollout's. */
    public static List<Rollout.Webhook> of(Rollout rollout, Rollout.WebhookType type) {
        return rollout.webhooksOrNone().stream().filter(hook -> hook.type() == type).toList();
    }
}
