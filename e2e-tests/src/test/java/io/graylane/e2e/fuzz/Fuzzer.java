package io.graylane.e2e.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hostile requests from a seed: paths with odd or over-long segments, query strings, headers (content types,
 * entity tags, tokens) and bodies mutated from valid ones (bytes flipped, cut or repeated; a value swapped for an
 * extreme one: huge or tiny numbers, NUL and other control characters, 2 KiB strings, nulls, deep nesting). The
 * same seed gives the same requests.
 */
public final class Fuzzer {

    /** One operation of a service, as its OpenAPI document names it. */
    public record Operation(String method, String template) {
    }

    /** A request to send; {@code credentials} says which token to present. */
    public record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body,
            Credentials credentials) {
    }

    public enum Credentials { ADMIN, VIEWER, NONE, GARBAGE }

    static final List<String> SEED_BODIES = List.of("""
            {"name": "canary", "strategy": "CANARY", "service": "reviews", "baseline": {"version": "v1"},
             "candidate": {"version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0", "replicas": 1},
             "traffic": {"weights": {"v1": 70, "v2": 30}, "matches": [{"headers": {"end-user": {"exact": "jason"}},
             "uri": {"prefix": "/"}, "queryParams": {"beta": {"regex": "a.*"}}, "cookie": {"name": "b", "value": "1"}}]}}""",
            """
            {"name": "bg", "strategy": "BLUE_GREEN", "service": "ratings", "baseline": {"version": "v1"},
             "candidate": {"version": "v2", "image": "r/ratings:2", "adopt": true}, "removeBaseline": true,
             "traffic": {"active": "v2"}}""",
            """
            {"name": "auto", "strategy": "CANARY", "service": "reviews", "baseline": {"version": "v1"},
             "candidate": {"version": "v3", "image": "r/reviews:3"}, "rollout": {"steps": [10, 25, 50],
             "minStepDuration": "30s", "maxStepDuration": "10m", "analysis": {"alpha": 0.01, "successRateMin": 99,
             "latencyP99MaxMs": 500, "errorRateMargin": 2}, "promotion": "AUTO",
             "webhooks": [{"type": "confirm-promotion", "url": "http://gate.example/ok"}]}}""",
            """
            {"name": "mirror", "strategy": "MIRROR", "service": "details", "baseline": {"version": "v1"},
             "candidate": {"version": "v2", "image": "d/details:2"}, "traffic": {"mirrorPercent": 12.5}}""",
            "{\"weights\": {\"v1\": 50, \"v2\": 50}}",
            "{\"version\": \"v2\"}",
            "{\"allVersions\": true, \"images\": \"istio\", \"registry\": \"docker.io/istio\", \"tag\": \"1.20.1\"}",
            "{\"requestsPerSecond\": 5, \"durationSeconds\": 1, \"errorRates\": {\"v2\": 0.1}, \"seed\": 7,"
                    + " \"latencyFactors\": {\"v2\": 2}, \"traceSampling\": 50}",
            """
            [{"traceId": "5af7183fb1d4cf5f", "id": "6b221d5bc9e6496c", "name": "get /reviews", "kind": "SERVER",
              "timestamp": %d, "duration": 2000, "localEndpoint": {"serviceName": "reviews.fuzz"},
              "tags": {"http.status_code": "200", "istio.canonical_revision": "v1"}}]"""
                    .formatted(System.currentTimeMillis() * 1000),
            """
            {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "r"}}]},
              "scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
              "name": "get", "kind": 2, "startTimeUnixNano": "1", "endTimeUnixNano": "2"}]}]}]}""");

    private static final List<Object> EXTREMES = List.of("1e999999999", "-1e999999999", "1e-400", "-1", "0",
            "9223372036854775808", "-9223372036854775809", "NaN", "true", "null", "\"\"", "[]", "{}",
            "\"\\u0000\"", "\"a\\u0000b\"", "\"\\n\\r\\t\"", "\"\\u007f\"", "\"\\ud800\"", "\"../../etc/passwd\"",
            "\"%00\"", "\"<script>\"", "\"" + "x".repeat(2048) + "\"", "[[[[[[[[[[1]]]]]]]]]]",
            "\"v1\"", "\"CANARY\"", "\"Pending\"", "1.5", "100", "101", "99.99999");
    private static final List<String> SEGMENTS = List.of("", "x", "demo-project", "canary", "v1", "Team_A",
            "a".repeat(64), "a".repeat(300), "%00", "%FF", "%2F", "..", "%2e%2e", "%20", "%C3%BC", "null", "*",
            "-1", "0", "00000000000000000000000000000000", "5af7183fb1d4cf5f", "zz", "%7B%7D");
    private static final List<String> QUERY_KEYS = List.of("service", "phase", "window", "step", "source", "limit",
            "lookback", "endTs", "serviceName", "spanName", "annotationQuery", "minDuration", "maxDuration", "tags",
            "tag", "start", "end", "traceIds", "spanKind", "version", "x");
    private static final List<String> QUERY_VALUES = List.of("", "1", "-1", "0", "5m", "1s", "1000000h", "abc",
            "Pending", "prometheus", "traces", "reviews", "reviews.fuzz", "{\"a\":1}", "{", "99999999999999999999",
            "1e999999999", "%00", "%FF", "a%20and%20b", "http.status_code=500", "1ms", "v1", "a".repeat(3000));
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/json", "text/plain", "application/x-protobuf", "application/json; charset=utf-16",
            "application/cloudevents+json", "multipart/form-data; boundary=x", "garbage", "");
    private static final List<String> IF_MATCH = List.of("\"1\"", "W/\"1\"", "*", "\"99999999999999999999\"",
            "garbage", "\"-1\"", "\"1\", \"2\"", "");

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");

    private final SplittableRandom random;
    private final ObjectMapper json = new ObjectMapper();

    public Fuzzer(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A hostile request for {@code operation}, in a namespace the admin and the viewer token may read. */
    public Request next(Operation operation, String namespace) {
        Matcher parameter = PARAMETER.matcher(operation.template());
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = parameter.group().equals("{namespace}") && random.nextInt(4) > 0 ? namespace
                    : pick(SEGMENTS);
            parameter.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        parameter.appendTail(path);
        String pathAndQuery = path + query();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", pick(CONTENT_TYPES));
        if (random.nextInt(3) == 0) {
            headers.put("If-Match", pick(IF_MATCH));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept", pick(List.of("application/xml", "*/*", "text/html", "application/json")));
        }
        byte[] body = random.nextInt(10) == 0 ? new byte[0] : body();
        Credentials[] credentials = Credentials.values();
        Credentials presented = random.nextInt(5) > 0 ? Credentials.ADMIN : credentials[random.nextInt(credentials.length)];
        return new Request(operation.method().toUpperCase(), pathAndQuery, headers, body, presented);
    }

    private String query() {
        int pairs = random.nextInt(4);
        if (pairs == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String value = pick(QUERY_VALUES);
            parts.add(pick(QUERY_KEYS) + "=" + (value.contains("%") ? value : URLEncoder.encode(value,
                    StandardCharsets.UTF_8)));
        }
        return "?" + String.join("&", parts);
    }

    /** A seed body, mutated once or more: in its JSON tree, or as bytes. */
    byte[] body() {
        String seed = pick(SEED_BODIES);
        int mutations = 1 + random.nextInt(3);
        String mutated = seed;
        for (int i = 0; i < mutations; i++) {
            mutated = random.nextInt(3) == 0 ? bytes(mutated) : tree(mutated);
        }
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private String tree(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return "[" + text + "]";
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        String extreme = EXTREMES.get(random.nextInt(EXTREMES.size())).toString();
        JsonNode replacement;
        try {
            replacement = json.readTree(extreme);
        } catch (JsonProcessingException e) {
            replacement = JsonNodeFactory.instance.textNode(extreme);
        }
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(pick(List.of("unknown", "labels", name + "s", "\u0000", "x".repeat(2000))),
                        replacement);
                default -> object.set(name, replacement);
            }
        } else if (target instanceof ArrayNode array) {
            if (array.size() > 0 && random.nextBoolean()) {
                array.set(random.nextInt(array.size()), replacement);
            } else {
                for (int i = random.nextInt(20); i >= 0; i--) {
                    array.add(array.size() > 0 ? array.get(0).deepCopy() : replacement);
                }
            }
        }
        return root.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private String bytes(String text) {
        if (text.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(text.length());
        int length = 1 + random.nextInt(Math.min(40, text.length() - at));
        return switch (random.nextInt(5)) {
            case 4 -> text.substring(0, at) + "[".repeat(5000) + text.substring(at);
            case 0 -> text.substring(0, at) + text.substring(at + length);
            case 1 -> text.substring(0, at) + text.substring(at, at + length).repeat(1 + random.nextInt(50))
                    + text.substring(at);
            case 2 -> text.substring(0, at) + (char) random.nextInt(0x20) + text.substring(at);
            default -> text.substring(0, at) + pick(List.of("\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "1e9999",
                    "\uFFFF", "\uD800")) + text.substring(at);
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
