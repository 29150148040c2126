package io.graylane.observability.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.Intent;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.traffic.AppliedRoutes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseBookTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private final ReleaseBook book = new ReleaseBook();

    @Test
    void keepsAppliedRoutesThatArriveBeforeTheRelease() {
        book.applied("shop", "reviews-v2", 1, routes(70), AT);
        assertThat(book.find("shop", "reviews-v2")).isEmpty();
        assertThat(book.inProgress()).isEmpty();

        book.desired(release(1));

        assertThat(book.find("shop", "reviews-v2").orElseThrow().applied()).isEqualTo(routes(70));
        assertThat(book.inProgress()).hasSize(1);
    }

    @Test
    void ignoresOlderGenerationsAndDuplicates() {
        book.desired(release(2));
        book.applied("shop", "reviews-v2", 2, routes(50), AT);
        book.desired(release(1));
        book.applied("shop", "reviews-v2", 1, routes(90), AT.plusSeconds(5));
        book.applied("shop", "reviews-v2", 2, routes(10), AT.plusSeconds(9));

        ReleaseBook.Entry entry = book.find("shop", "reviews-v2").orElseThrow();
        assertThat(entry.desired().generation()).isEqualTo(2);
        assertThat(entry.applied()).isEqualTo(routes(50));
        assertThat(entry.appliedAt()).as("the routes carry these weights since the first report").isEqualTo(AT);
    }

    private static DesiredRelease release(long generation) {
        return new DesiredRelease("shop", "reviews-v2", Strategy.CANARY, "reviews", new Baseline("v1"),
                new Candidate("v2", "reviews:2", 1, null), null, new TrafficPolicy(Map.of("v1", 90, "v2", 10), null, null, null),
                Intent.SPLIT, null, generation, null);
    }

    private static AppliedRoutes routes(int baselineWeight) {
        return new AppliedRoutes(Map.of("v1", baselineWeight, "v2", 100 - baselineWeight), null, null, null);
    }
}
