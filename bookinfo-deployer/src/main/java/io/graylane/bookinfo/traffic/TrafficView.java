package io.graylane.bookinfo.traffic;

import io.graylane.bookinfo.config.DeployerConfig.Mode;
import java.time.Instant;

/**
 * A traffic run as answered.
 *
 * @param target the product page requested (real) or where the spans go (simulated)
 * @param endsAt when the run stops by itself; null: when it is stopped
 */
public record TrafficView(String namespace, Mode mode, boolean running, double requestsPerSecond,
        Instant startedAt, Instant endsAt, String target, String note, Tally.View tally) {
}
