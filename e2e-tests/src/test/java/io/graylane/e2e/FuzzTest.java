package io.graylane.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.e2e.fuzz.Fuzzer;
import io.graylane.infra.FreePort;
import io.graylane.infra.SharedKafka;
import io.graylane.events.access.Role;
import io.graylane.infra.SharedIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated and mutated requests at every endpoint of the four services, running as processes (the endpoints
 * from their OpenAPI documents, span ingest on its own port): no answer is a 5xx and every service is still
 * healthy afterwards. {@code -Dgraylane.fuzz.inputs=N} (default 3,000) and {@code -Dgraylane.fuzz.seed=S}
 * (default fixed) make a longer or another run; docs/security.md has the command and the result of one.
 */
class FuzzTest {

    private static final int INPUTS = Integer.getInteger("graylane.fuzz.inputs", 3_000);
    private static final long SEED = Long.getLong("graylane.fuzz.seed", 20_261_205L);
    private static final String NAMESPACE = "fuzz-ns";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** Where one operation is served. */
    private record Target(String base, Fuzzer.Operation operation) {
    }

    /** The four services: the suite's release-service and traffic-service, and the other two started here. */
    private record Services(List<String> apiUrls, String ingestUrl) {
        static Services all() {
            Suite suite = Suite.get();
            String kafka = SharedKafka.broker().bootstrapServers();
            ServiceProcess observability = new ServiceProcess("observability-service", FreePort.find(),
                    Map.of("GRAYLANE_KAFKA_BOOTSTRAP", kafka)).start();
            ServiceProcess bookinfo = new ServiceProcess("bookinfo-deployer", FreePort.find(), Map.of(
                    "GRAYLANE_KAFKA_BOOTSTRAP", kafka,
                    "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", suite.kubernetes.url(),
                    "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
                    "GRAYLANE_TRAFFIC_MODE", "simulated",
                    "GRAYLANE_TRAFFIC_OBSERVABILITY_URL", observability.ingestUrl())).start();
            return new Services(List.of(suite.releaseService.url(), suite.trafficService.url(), observability.url(),
                    bookinfo.url()), observability.ingestUrl());
        }
    }

    @Test
    void noInputAnswers5xxAndEveryServiceStaysHealthy() throws Exception {
        Services services = Services.all();
        List<Target> targets = new ArrayList<>();
        for (String base : services.apiUrls()) {
            for (Fuzzer.Operation operation : operations(base)) {
                boolean ingest = operation.method().equals("post") && (operation.template().equals("/api/v2/spans")
                        || operation.template().equals("/v1/traces"));
                targets.add(new Target(ingest ? services.ingestUrl() : base, operation));
            }
        }
        assertThat(targets).as("operations of the four services").hasSizeGreaterThan(30);
        Map<String, String> tokens = Map.of(
                "ADMIN", SharedIssuer.admin(),
                "VIEWER", SharedIssuer.token("fuzz-viewer", Role.VIEWER, NAMESPACE),
                "GARBAGE", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        Fuzzer fuzzer = new Fuzzer(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < INPUTS; i++) {
            Target target = targets.get(i % targets.size());
            Fuzzer.Request request = fuzzer.next(target.operation(), NAMESPACE);
            int status = send(target.base(), request, tokens.get(request.credentials().name()), failures, i);
            statuses.merge(status, 1, Integer::sum);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("FuzzTest: %d inputs (seed %d) at %d operations in %d s; statuses %s%n", INPUTS, SEED,
                targets.size(), took.toSeconds(), statuses);

        assertThat(failures).as("answers of 5xx or no answer, of %d inputs (seed %d)", INPUTS, SEED).isEmpty();
        for (String base : services.apiUrls()) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(base + " ready after the fuzzing: " + ready.body()).isEqualTo(200);
        }
    }

    private int send(String base, Fuzzer.Request request, String token, List<String> failures, int index) {
        URI uri;
        try {
            uri = URI.create(base + request.pathAndQuery());
        } catch (IllegalArgumentException notAUri) {
            return -1;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!value.isEmpty()) {
                builder.header(name, value);
            }
        });
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                failures.add("#" + index + " " + request.method() + " " + uri + " -> " + response.statusCode() + " "
                        + abbreviated(response.body()) + " (body: " + abbreviated(new String(request.body())) + ")");
            }
            return response.statusCode();
        } catch (Exception e) {
            failures.add("#" + index + " " + request.method() + " " + uri + " -> no answer: " + e);
            return 0;
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private List<Fuzzer.Operation> operations(String base) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = json.readTree(answer.body()).path("paths");
        List<Fuzzer.Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(new Fuzzer.Operation(method, path.getKey()));
                }
            }
        }
        return operations;
    }
}
