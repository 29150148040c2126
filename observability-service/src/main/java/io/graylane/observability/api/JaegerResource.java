package io.graylane.observability.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.observability.metrics.MetricsWindows;
import io.graylane.observability.store.SpanStore;
import io.graylane.rest.Problem;
import io.graylane.rest.ProblemKind;
import io.graylane.rest.auth.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import zipkin2.Span;

/** Jaeger's query HTTP API (v2.20): services, operations, trace search and trace by id, in Jaeger's JSON. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class JaegerResource {

    static final ProblemKind TRACE_NOT_FOUND = new ProblemKind(404, "trace-not-found", "No such trace");
    private static final long TWO_DAYS_MICROS = 48L * 3600 * 1_000_000;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private final SpanStore store;
    private final MetricsWindows windows;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private final CurrentCaller caller;

    JaegerResource(SpanStore store, MetricsWindows windows, Clock clock, CurrentCaller caller) {
        this.store = store;
        this.windows = windows;
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    @Path("services")
    public Map<String, Object> services() {
        return answer(List.copyOf(visibility().services(store.services())));
    }

    @GET
    @Path("services/{service}/operations")
    public Map<String, Object> operations(@PathParam("service") String service) {
        return answer(visibility().service(service) ? List.copyOf(store.spanNames(service)) : List.of());
    }

    @GET
    @Path("operations")
    public Map<String, Object> operationsWithKind(@QueryParam("service") String service,
            @QueryParam("spanKind") String spanKind) {
        List<Map<String, String>> operations = new ArrayList<>();
        String name = required(service);
        for (String operation : visibility().service(name) ? store.operations(name) : Set.<String>of()) {
            String kind = operation.substring(0, operation.indexOf(' ')).toLowerCase();
            if (spanKind == null || spanKind.isBlank() || spanKind.equalsIgnoreCase(kind)) {
                operations.add(Map.of("name", operation.substring(operation.indexOf(' ') + 1), "spanKind", kind));
            }
        }
        return answer(operations);
    }

    @GET
    @Path("traces")
    @Operation(summary = "Jaeger trace search: service, operation, tags, min/maxDuration, start/end (µs), limit")
    public Map<String, Object> traces(@QueryParam("service") String service,
            @QueryParam("operation") String operation, @QueryParam("tags") String tags,
            @QueryParam("tag") List<String> tag, @QueryParam("minDuration") String minDuration,
            @QueryParam("maxDuration") String maxDuration, @QueryParam("limit") Integer limit,
            @QueryParam("start") Long start, @QueryParam("end") Long end) {
        String name = required(service).toLowerCase();
        Map<String, String> wanted = tags(tags, tag);
        long to = end != null ? end : clock.millis() * 1000;
        long from = start != null ? start : to - TWO_DAYS_MICROS;
        long min = micros("minDuration", minDuration, 0);
        long max = micros("maxDuration", maxDuration, Long.MAX_VALUE);
        List<Map<String, Object>> found = new ArrayList<>();
        TraceVisibility visibility = visibility();
        visibility.traces(store.search(name, range -> range.endMicros() >= from && range.startMicros() <= to,
                trace -> trace.stream().anyMatch(span -> matches(span, name, operation, wanted, min, max, from, to))
                        && visibility.trace(trace).isPresent(),
                limit != null && limit > 0 ? limit : 100)).forEach(trace -> found.add(JaegerTraces.trace(trace)));
        return answer(found);
    }

    @GET
    @Path("traces/{traceId}")
    public Response trace(@PathParam("traceId") String traceId) {
        String id;
        try {
            id = Span.normalizeTraceId(traceId);
        } catch (IllegalArgumentException e) {
            return notFound(traceId, 400, "invalid trace id: " + e.getMessage());
        }
        return store.trace(id).flatMap(visibility()::trace)
                .map(spans -> Response.ok(answer(List.of(JaegerTraces.trace(spans)))).build())
                .orElseGet(() -> notFound(id, 404, "trace not found"));
    }

    @GET
    @Path("dependencies")
    public Map<String, Object> dependencies(@QueryParam("endTs") Long endTs, @QueryParam("lookback") Long lookback) {
        long end = endTs != null ? endTs : clock.millis();
        List<Map<String, Object>> links = new ArrayList<>();
        TraceVisibility visibility = visibility();
        windows.overlapping(end - (lookback != null ? lookback : 86_400_000L), end).links().forEach((link, counts) -> {
            if (visibility.service(link.parent()) && visibility.service(link.child())) {
                links.add(Map.of("parent", link.parent(), "child", link.child(), "callCount", counts[0]));
            }
        });
        return answer(links);
    }

    private TraceVisibility visibility() {
        return new TraceVisibility(caller.get());
    }

    private static boolean matches(Span span, String service, String operation, Map<String, String> tags, long min,
            long max, long from, long to) {
        if (!service.equals(span.localServiceName())
                || (operation != null && !operation.isBlank() && !operation.equalsIgnoreCase(span.name()))) {
            return false;
        }
        long duration = span.durationAsLong();
        long timestamp = span.timestampAsLong();
        if (duration < min || duration > max || timestamp < from || timestamp > to) {
            return false;
        }
        return tags.entrySet().stream().allMatch(t -> t.getValue().equals(span.tags().get(t.getKey())));
    }

    private Map<String, String> tags(String tags, List<String> tag) {
        Map<String, String> wanted = new HashMap<>();
        if (tags != null && !tags.isBlank()) {
            try {
                wanted.putAll(json.readValue(tags, new TypeReference<Map<String, String>>() { }));
            } catch (JsonProcessingException e) {
                throw new BadQuery("tags: must be a JSON object of strings, e.g. {\"http.status_code\":\"500\"}");
            }
        }
        for (String pair : tag == null ? List.<String>of() : tag) {
            int colon = pair.indexOf(':');
            if (colon < 1) {
                throw new BadQuery("tag: must be key:value, got " + pair);
            }
            wanted.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return wanted;
    }

    /** Jaeger's durations: 1.2ms, 100us, 1s, 1m... */
    static long micros(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw new BadQuery(name + ": '" + value + "' is not a duration such as 1.2ms, 100us or 1s");
        }
        double amount = Double.parseDouble(matcher.group(1));
        double factor = switch (matcher.group(2)) {
            case "ns" -> 0.001;
            case "us", "µs" -> 1;
            case "ms" -> 1_000;
            case "s" -> 1_000_000;
            case "m" -> 60_000_000;
            default -> 3_600_000_000.0;
        };
        return (long) (amount * factor);
    }

    private static String required(String service) {
        if (service == null || service.isBlank()) {
            throw new BadQuery("service is required");
        }
        return service;
    }

    private static Map<String, Object> answer(Object data) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("total", data instanceof List<?> list ? list.size() : 0);
        answer.put("limit", 0);
        answer.put("offset", 0);
        answer.put("errors", null);
        return answer;
    }

    /**
     * Jaeger's error answer and an RFC 9457 problem document at once: Jaeger's members ({@code data},
     * {@code errors}, ...) ride along the problem's, so Jaeger clients and problem-aware clients both read it.
     */
    private static Response notFound(String traceId, int code, String message) {
        Map<String, Object> jaeger = new LinkedHashMap<>();
        jaeger.put("data", null);
        jaeger.put("total", 0);
        jaeger.put("limit", 0);
        jaeger.put("offset", 0);
        jaeger.put("errors", List.of(Map.of("code", code, "msg", message, "traceID", traceId)));
        ProblemKind kind = code == 404 ? TRACE_NOT_FOUND : ProblemKind.INVALID_REQUEST;
        return Response.status(code).type(Problem.MEDIA_TYPE).entity(new Problem(kind.uri(), kind.title(), code,
                message + ": " + traceId, "/api/traces/" + traceId, List.of(), jaeger)).build();
    }

}
