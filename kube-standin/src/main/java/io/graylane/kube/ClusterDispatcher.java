package io.graylane.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * The fabric8 mock server's in-memory store (CRUD mode) and its expectations, behind what a real API server
 * does to every write and the store does not: the status of an object is changed only through its
 * {@code /status} subresource, a Deployment's selector is immutable and must select its pod template
 * ({@link Admission}), and each write is recorded in {@code metadata.managedFields} under the writer's field
 * manager ({@link ManagedFields}). A PATCH is applied here and stored as the whole object, so it passes the
 * same checks. Expectations ({@code server.expect()}) answer first, as in the mock server's mixed mode.
 */
final class ClusterDispatcher extends Dispatcher implements Resetable {

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expected;
    private final KubernetesCrudDispatcher store = new KubernetesCrudDispatcher();
    private final Clock clock;

    ClusterDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, Clock clock) {
        this.expectations = expectations;
        this.expected = new MockDispatcher(expectations);
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> queue = expectations.get(new SimpleRequest(request.method(), request.getPath()));
        if (queue != null && !queue.isEmpty()) {
            return expected.dispatch(request);
        }
        return switch (request.method()) {
            case POST, PUT, PATCH -> write(request);
            default -> store.dispatch(request);
        };
    }

    @Override
    public void reset() {
        store.reset();
    }

    /** One write at a time, so what is checked against is what the write replaces. */
    private synchronized MockResponse write(RecordedRequest request) {
        String path = withoutQuery(request.getPath());
        if (path.endsWith("/status") && request.method() == HttpMethod.PUT) {
            return statusWrite(request, path);
        }
        if (path.endsWith("/status") || path.endsWith("/scale")) {
            return store.dispatch(request);
        }
        Optional<ObjectNode> current = request.method() == HttpMethod.POST ? Optional.empty() : current(path);
        if (request.method() != HttpMethod.POST && current.isEmpty()) {
            return store.dispatch(request);
        }
        ObjectNode wanted;
        try {
            wanted = request.method() == HttpMethod.PATCH ? patched(current.get(), request) : read(body(request));
        } catch (UnsupportedPatch e) {
            return status(415, "UnsupportedMediaType", e.getMessage());
        } catch (IllegalArgumentException unreadable) {
            return store.dispatch(request);
        }
        Optional<String> refusal = Admission.refusal(current.orElse(null), wanted);
        if (refusal.isPresent()) {
            return status(422, "Invalid", refusal.get());
        }
        if (current.isPresent() && current.get().has("status")) {
            wanted.set("status", current.get().get("status").deepCopy());
        } else {
            wanted.remove("status");
        }
        ManagedFields.record(current.orElse(null), wanted, manager(request), clock.instant());
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        HttpMethod method = request.method() == HttpMethod.PATCH ? HttpMethod.PUT : request.method();
        return store.dispatch(new RecordedRequest(request.getHttpVersion(), method, request.getPath(), headers,
                new Buffer(Serialization.asJson(wanted).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * A PUT of the status subresource, as the API server takes it: only the status changes (spec, labels and
     * managedFields stay the object's), and a body read before the object last changed is refused with 409, so
     * a controller writing status from a stale read never undoes another writer's change.
     */
    private MockResponse statusWrite(RecordedRequest request, String path) {
        String objectPath = path.substring(0, path.length() - "/status".length());
        Optional<ObjectNode> current = current(objectPath);
        if (current.isEmpty()) {
            return store.dispatch(request);
        }
        ObjectNode body = read(body(request));
        String sent = body.path("metadata").path("resourceVersion").asText("");
        String stored = current.get().path("metadata").path("resourceVersion").asText("");
        if (!sent.isEmpty() && !sent.equals(stored)) {
            return status(409, "Conflict", "Operation cannot be fulfilled on " + objectPath
                    + ": the object has been modified; please apply your changes to the latest version and try again");
        }
        ObjectNode wanted = current.get().deepCopy();
        if (body.has("status")) {
            wanted.set("status", body.get("status"));
        }
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return store.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(), headers,
                new Buffer(Serialization.asJson(wanted).getBytes(StandardCharsets.UTF_8))));
    }

    private Optional<ObjectNode> current(String path) {
        MockResponse response = store.handleGet(path);
        if (response.code() != 200 || response.getBody() == null) {
            return Optional.empty();
        }
        return Optional.of(read(new String(response.getBody().getBytes(), StandardCharsets.UTF_8)));
    }

    /** The object as the PATCH makes it: a JSON patch, or a merge patch (strategic merge taken as one). */
    private static ObjectNode patched(ObjectNode current, RecordedRequest request) throws UnsupportedPatch {
        String type = String.valueOf(request.getHeader("Content-Type"));
        JsonNode patch = tree(body(request));
        if (type.contains("json-patch+json")) {
            return (ObjectNode) JsonPatch.apply(patch, withParents(current.deepCopy(), patch));
        }
        if (type.contains("merge-patch+json")) {
            try {
                return Serialization.jsonMapper().readerForUpdating(current.deepCopy()).readValue(patch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new UnsupportedPatch("the stand-in applies JSON patches and merge patches, not " + type);
    }

    /** Adds the objects a JSON patch writes into, as the mock server does for fabric8's own patches. */
    private static JsonNode withParents(ObjectNode object, JsonNode patch) {
        for (JsonNode operation : patch) {
            String[] steps = operation.path("path").asText().replaceAll("^/", "").split("/");
            JsonNode node = object;
            for (int i = 0; i < steps.length - 1; i++) {
                if (node.isObject() && node.get(steps[i]) == null) {
                    ((ObjectNode) node).putObject(steps[i]);
                }
                node = node.path(steps[i]);
            }
        }
        return object;
    }

    /** The field manager: the {@code fieldManager} parameter, else the User-Agent up to its first slash. */
    static String manager(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String parameter : path.substring(query + 1).split("&")) {
                if (parameter.startsWith("fieldManager=")) {
                    return parameter.substring("fieldManager=".length());
                }
            }
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null || agent.isBlank()) {
            return "unknown";
        }
        int slash = agent.indexOf('/');
        return slash < 0 ? agent : agent.substring(0, slash);
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static ObjectNode read(String json) {
        if (tree(json) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    private static JsonNode tree(String json) {
        try {
            return Serialization.jsonMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(new StatusBuilder()
                .withApiVersion("v1").withKind("Status").withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(message).build()));
    }

    /** A PATCH of a type the stand-in does not apply. */
    private static final class UnsupportedPatch extends Exception {
        UnsupportedPatch(String message) {
            super(message);
        }
    }
}
