package io.graylane.observability.api;

import io.graylane.events.analysis.AnalysisSnapshot;
import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.observability.metrics.MetricsSource;
import io.graylane.observability.metrics.MetricsSources;
import io.graylane.observability.releases.ReleaseBook;
import io.graylane.observability.releases.ReleaseComparison;
import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A release's baseline and candidate side by side, and whether the observed split is the one applied. */
@Path("/api/v1/namespaces/{namespace}/releases/{name}/comparison")
@Produces(MediaType.APPLICATION_JSON)
public class ComparisonResource {

    static final ProblemKind RELEASE_NOT_FOUND = new ProblemKind(404, "release-not-found", "No such release");

    private final ReleaseBook book;
    private final ReleaseComparison comparison;
    private final MetricsSources sources;
    private final Clock clock;

    ComparisonResource(ReleaseBook book, ReleaseComparison comparison, MetricsSources sources, Clock clock) {
        this.book = book;
        this.comparison = comparison;
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * The comparison with the release as known here.
     *
     * @param sourceNote what the numbers of {@code analysis} (from {@code analysis.source}) are and how complete
     */
    public record Comparison(String strategy, String phase, long appliedGeneration, AppliedRoutes applied,
            String sourceNote, AnalysisSnapshot analysis) {
    }

    @GET
    @Operation(summary = "Success rate, traffic and duration per version; observed split vs applied weights")
    public Response compare(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("window") String window, @QueryParam("end") Long end, @QueryParam("source") String source,
            UriInfo uri) {
        MetricsSource metrics = SourceChoice.of(sources, source);
        TimeWindow period = TimeWindow.of(window, end, clock.millis(), "5m");
        return book.find(namespace, name).map(release -> Response.ok(new Comparison(
                release.desired().strategy().name(), release.phase() == null ? null : release.phase().name(),
                release.appliedGeneration(), release.applied(), metrics.note(),
                comparison.compare(release, metrics, period.fromMillis(), period.toMillis()))).build())
                .orElseGet(() -> RELEASE_NOT_FOUND.answer("no release '" + name + "' in namespace '" + namespace
                        + "' on graylane.releases", uri));
    }
}
