package io.graylane.observability.api;

import io.graylane.observability.metrics.MetricsWindows;
import io.graylane.observability.store.SpanStore;
import io.graylane.rest.ProblemKind;
import io.graylane.rest.auth.CurrentCaller;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import zipkin2.DependencyLink;
import zipkin2.Span;
import zipkin2.codec.DependencyLinkBytesEncoder;
import zipkin2.codec.SpanBytesEncoder;
import zipkin2.storage.QueryRequest;

/**
 * Zipkin's read API, answering as a Zipkin 3.6.1 server does for the same spans: the same filters (Zipkin's
 * own QueryRequest), the same merging and order of a trace's spans, the same JSON. Dependencies come from
 * the aggregated calls, so they outlive the raw spans.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class ZipkinQueryResource {

    private static final long DAY_MILLIS = 86_400_000L;

    private final SpanStore store;
    private final MetricsWindows windows;
    private final Clock clock;
    private final CurrentCaller caller;

    ZipkinQueryResource(SpanStore store, MetricsWindows windows, Clock clock, CurrentCaller caller) {
        this.store = store;
        this.windows = windows;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Path("services")
    public Set<String> services() {
        return visibility().services(store.services());
    }

    @GET
    @Path("spans")
    public Set<String> spanNames(@QueryParam("serviceName") String serviceName) {
        String service = required("serviceName", serviceName).toLowerCase();
        return visibility().service(service) ? store.spanNames(service) : Set.of();
    }

    @GET
    @Path("remoteServices")
    public Set<String> remoteServices(@QueryParam("serviceName") String serviceName) {
        String service = required("serviceName", serviceName).toLowerCase();
        return visibility().service(service) ? visibility().services(store.remoteServices(service)) : Set.of();
    }

    @GET
    @Path("traces")
    public String traces(@QueryParam("serviceName") String serviceName,
            @QueryParam("remoteServiceName") String remoteServiceName, @QueryParam("spanName") String spanName,
            @QueryParam("annotationQuery") String annotationQuery, @QueryParam("minDuration") Long minDuration,
            @QueryParam("maxDuration") Long maxDuration, @QueryParam("endTs") Long endTs,
            @QueryParam("lookback") Long lookback, @QueryParam("limit") @DefaultValue("10") int limit) {
        long end = endTs != null ? endTs : clock.millis();
        QueryRequest request;
        try {
            request = QueryRequest.newBuilder().serviceName(serviceName).remoteServiceName(remoteServiceName)
                    .spanName(spanName).parseAnnotationQuery(annotationQuery).minDuration(minDuration)
                    .maxDuration(maxDuration).endTs(end).lookback(lookback != null ? lookback : DAY_MILLIS)
                    .limit(limit).build();
        } catch (IllegalArgumentException e) {
            throw new BadQuery(e.getMessage());
        }
        long fromMicros = (request.endTs() - request.lookback()) * 1000;
        long toMicros = request.endTs() * 1000;
        TraceVisibility visibility = visibility();
        List<List<Span>> found = visibility.traces(store.search(request.serviceName(),
                range -> range.endMicros() >= fromMicros && range.startMicros() <= toMicros,
                trace -> request.test(trace) && visibility.trace(trace).isPresent(), request.limit()));
        found.sort(Comparator.comparingLong((List<Span> t) -> t.get(0).timestampAsLong()).reversed());
        return json(found);
    }

    @GET
    @Path("trace/{traceId}")
    public Response trace(@PathParam("traceId") String traceId, UriInfo uri) {
        String id = normalized(traceId);
        return store.trace(id).flatMap(visibility()::trace).map(spans -> Response.ok(new String(SpanBytesEncoder.JSON_V2.encodeList(spans),
                StandardCharsets.UTF_8)).build()).orElseGet(() -> ProblemKind.NOT_FOUND.answer("trace " + id
                        + " not found", uri));
    }

    @GET
    @Path("traceMany")
    public String traceMany(@QueryParam("traceIds") String traceIds) {
        List<List<Span>> found = new ArrayList<>();
        for (String id : required("traceIds", traceIds).split(",")) {
            store.trace(normalized(id.trim())).flatMap(visibility()::trace).ifPresent(found::add);
        }
        return json(found);
    }

    @GET
    @Path("dependencies")
    public String dependencies(@QueryParam("endTs") Long endTs, @QueryParam("lookback") Long lookback) {
        long end = endTs != null ? endTs : clock.millis();
        long back = lookback != null ? lookback : DAY_MILLIS;
        List<DependencyLink> links = new ArrayList<>();
        TraceVisibility visibility = visibility();
        windows.overlapping(end - back, end).links().forEach((link, counts) -> {
            if (visibility.service(link.parent()) && visibility.service(link.child())) {
                links.add(DependencyLink.newBuilder().parent(link.parent()).child(link.child()).callCount(counts[0])
                        .errorCount(counts[1]).build());
            }
        });
        links.sort(Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child));
        return new String(DependencyLinkBytesEncoder.JSON_V1.encodeList(links), StandardCharsets.UTF_8);
    }

    private TraceVisibility visibility() {
        return new TraceVisibility(caller.get());
    }

    private static String json(List<List<Span>> traces) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < traces.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append(new String(SpanBytesEncoder.JSON_V2.encodeList(traces.get(i)), StandardCharsets.UTF_8));
        }
        return json.append(']').toString();
    }

    private static String normalized(String traceId) {
        try {
            return Span.normalizeTraceId(traceId);
        } catch (IllegalArgumentException e) {
            throw new BadQuery("traceId: " + e.getMessage());
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadQuery(name + " is required");
        }
        return value;
    }
}
