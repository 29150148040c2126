package io.graylane.observability.api;

import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSources;
import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The {@code source} query parameter of the metrics answers, and the answer when the source cannot answer. */
final class SourceChoice {

    static final ProblemKind SOURCE_UNAVAILABLE = new ProblemKind(503, "metrics-source-unavailable",
            "The metrics source cannot answer now");

    private SourceChoice() {
    }

    static MetricsSource of(MetricsSources sources, String name) {
        return sources.named(name).orElseThrow(() -> new BadQuery("source: '" + name + "' is not offered here; "
                + "'traces' always is, 'prometheus' when graylane.prometheus.url is set"));
    }

    /** Maps {@link MetricsSource.SourceUnavailable} to 503 with the reason; the caller may try again. */
    public static class Mapper {
        @ServerExceptionMapper
        public Response unavailable(MetricsSource.SourceUnavailable e, UriInfo uri) {
            return Response.fromResponse(SOURCE_UNAVAILABLE.answer(e.getMessage(), uri))
                    .header("Retry-After", "5").build();
        }
    }
}
