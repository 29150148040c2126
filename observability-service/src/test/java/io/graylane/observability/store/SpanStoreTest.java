package io.graylane.observability.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.Span;

class SpanStoreTest {

    private static final long NOW_MICROS = 1_780_000_000_000_000L;

    private final SpanStore store = new SpanStore(1_000, Long.MAX_VALUE, Duration.ofHours(1),
            (reason, spans) -> { });

    @Test
    void theByteBudgetLetsTheOldestTracesGoAndCountsThem() {
        java.util.Map<String, Long> evicted = new java.util.HashMap<>();
        SpanStore small = new SpanStore(Long.MAX_VALUE, 20_000, Duration.ofHours(1),
                (reason, spans) -> evicted.merge(reason, spans, Long::sum));
        for (int i = 0; i < 1_000; i++) {
            small.add(List.of(span(String.format("%016x", i + 1), NOW_MICROS - 1_000_000 + i)), NOW_MICROS / 1000);
            assertThat(small.cost()).isLessThanOrEqualTo(20_000);
        }
        assertThat(small.trace(String.format("%016x", 1000))).as("the newest is kept").isPresent();
        assertThat(small.trace(String.format("%016x", 1))).as("the oldest went").isEmpty();
        assertThat(evicted.get("bytes")).isEqualTo(1_000 - small.spans());
        assertThat(small.spans()).isGreaterThan(20);
    }

    @Test
    void searchReturnsTheNewestTracesByStartNotTheLastToArrive() {
        store.add(List.of(span("0000000000000003", NOW_MICROS - 1_000_000)), NOW_MICROS / 1000);
        store.add(List.of(span("0000000000000002", NOW_MICROS - 2_000_000)), NOW_MICROS / 1000);
        store.add(List.of(span("0000000000000001", NOW_MICROS - 3_000_000)), NOW_MICROS / 1000);
        // A late span of the oldest trace arrives last.
        store.add(List.of(span("0000000000000001", NOW_MICROS - 2_900_000).toBuilder().id("00000000000000aa")
                .build()), NOW_MICROS / 1000);

        List<String> found = store.search("reviews.demo", range -> true, spans -> true, 2).stream()
                .map(trace -> trace.get(0).traceId()).toList();

        assertThat(found).containsExactly("0000000000000003", "0000000000000002");
    }

    @Test
    void theLimitCountsMatchesOnly() {
        for (int i = 1; i <= 5; i++) {
            store.add(List.of(span("000000000000000" + i, NOW_MICROS - i * 1_000_000L).toBuilder()
                    .putTag("http.status_code", i % 2 == 0 ? "503" : "200").build()), NOW_MICROS / 1000);
        }

        List<String> errors = store.search("reviews.demo", range -> true,
                spans -> "503".equals(spans.get(0).tags().get("http.status_code")), 10).stream()
                .map(trace -> trace.get(0).traceId()).toList();

        assertThat(errors).containsExactly("0000000000000002", "0000000000000004");
    }

    private static Span span(String traceId, long timestamp) {
        return Span.newBuilder().traceId(traceId).id(traceId).name("reviews.demo.svc.cluster.local:9080/*")
                .kind(Span.Kind.SERVER).timestamp(timestamp).duration(1_000)
                .localEndpoint(Endpoint.newBuilder().serviceName("reviews.demo").build()).build();
    }
}
