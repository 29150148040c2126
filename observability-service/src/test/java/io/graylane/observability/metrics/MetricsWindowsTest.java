package io.graylane.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.observability.mesh.MeshSpan;
import io.graylane.observability.mesh.Workload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

class MetricsWindowsTest {

    private static final long T0 = 1_780_000_000_000L; // a multiple of 10 s
    private static final Workload REVIEWS_V1 = new Workload("demo", "reviews", "v1", "reviews.demo");

    private final MetricsWindows windows = new MetricsWindows(Duration.ofSeconds(10), 1_000, Duration.ofDays(1),
            1_000, 1L << 30);

    @Test
    void pastTheSeriesCapNewWorkloadsAreNotCountedAndThatIsCounted() {
        MetricsWindows capped = new MetricsWindows(Duration.ofSeconds(10), 1_000, Duration.ofDays(1), 3, 1L << 30);
        for (int i = 0; i < 5; i++) {
            capped.received(MeshSpan.of(Span.newBuilder().traceId("1").id(String.format("%016x", i + 1))
                    .kind(Span.Kind.SERVER).timestamp(T0 * 1_000).duration(1_000)
                    .localEndpoint(Endpoint.newBuilder().serviceName("app" + i + ".demo").build()).build()), T0);
        }
        windows.received(server(T0 * 1_000), T0);

        assertThat(capped.window(T0, T0 + 10_000).received()).hasSize(3);
        assertThat(capped.seriesHeld()).isEqualTo(3);
        assertThat(capped.refusedSpans()).isEqualTo(2);
        assertThat(new TracesSource(capped).note()).contains("2 spans were not counted", "3 of at most 3 series");
        assertThat(new TracesSource(windows).note()).doesNotContain("not counted");
    }

    @Test
    void theByteBudgetHoldsAsCellsOfSeriesAndBuckets() {
        MetricsWindows small = new MetricsWindows(Duration.ofSeconds(10), 1_000, Duration.ofDays(1), 1_000,
                MetricsWindows.CELL_BYTES * 4);
        for (int bucket = 0; bucket < 6; bucket++) {
            small.received(server((T0 + bucket * 10_000L) * 1_000), T0);
        }
        assertThat(small.bytes()).isEqualTo(MetricsWindows.CELL_BYTES * 4);
        assertThat(small.refusedSpans()).isEqualTo(2);
    }

    /** One request a second, at T0 + 0.5 s, T0 + 1.5 s, ..., for {@code seconds} seconds from T0 - 20 s. */
    private void oneRequestASecond(int seconds) {
        for (int i = 0; i < seconds; i++) {
            windows.received(server((T0 - 20_000 + i * 1_000L + 500) * 1_000), T0 + 60_000);
        }
    }

    @Test
    void aWindowOnBucketEdgesCountsExactlyWhatFellInIt() {
        oneRequestASecond(90);

        Snapshot thirty = windows.window(T0, T0 + 30_000);

        assertThat(thirty.fromMillis()).isEqualTo(T0);
        assertThat(thirty.toMillis()).isEqualTo(T0 + 30_000);
        assertThat(thirty.received().get(REVIEWS_V1).requests()).isEqualTo(30);
        assertThat(Snapshot.perSecond(30, thirty.seconds())).isEqualTo(1.0);
    }

    @Test
    void aWindowOffTheEdgesIsAlignedInwardsAndItsRateDividesByWhatItCovers() {
        oneRequestASecond(90);

        // 30 s from T0 + 4 s: the buckets [T0 + 10 s, T0 + 30 s) lie wholly inside it.
        Snapshot shifted = windows.window(T0 + 4_000, T0 + 34_000);

        assertThat(shifted.fromMillis()).isEqualTo(T0 + 10_000);
        assertThat(shifted.toMillis()).isEqualTo(T0 + 30_000);
        assertThat(shifted.received().get(REVIEWS_V1).requests()).isEqualTo(20);
        assertThat(Snapshot.perSecond(20, shifted.seconds())).isEqualTo(1.0);
    }

    @Test
    void aWindowWithoutAWholeBucketIsAnEmptyPeriodWithoutARate() {
        oneRequestASecond(90);

        Snapshot empty = windows.window(T0 + 12_000, T0 + 19_000);

        assertThat(empty.seconds()).isZero();
        assertThat(empty.received()).isEmpty();
        assertThat(Snapshot.perSecond(0, empty.seconds())).isZero();
    }

    @Test
    void aSeriesCoversTheAlignedWindowStepByStep() {
        oneRequestASecond(90);

        List<Snapshot> steps = windows.series(T0 - 15_000, T0 + 45_000, 20_000);

        assertThat(steps).extracting(Snapshot::fromMillis).containsExactly(T0 - 10_000, T0 + 10_000, T0 + 30_000);
        assertThat(steps).extracting(Snapshot::toMillis).containsExactly(T0 + 10_000, T0 + 30_000, T0 + 40_000);
        assertThat(steps).extracting(step -> step.received().get(REVIEWS_V1).requests()).containsExactly(20L, 20L,
                10L);
    }

    private static MeshSpan server(long timestampMicros) {
        return MeshSpan.of(Span.newBuilder().traceId("1").id("2").kind(Span.Kind.SERVER)
                .timestamp(timestampMicros).duration(1_000)
                .localEndpoint(Endpoint.newBuilder().serviceName("reviews.demo").build())
                .putTag("istio.canonical_service", "reviews").putTag("istio.namespace", "demo")
                .putTag("istio.canonical_revision", "v1").putTag("http.status_code", "200").build());
    }
}
