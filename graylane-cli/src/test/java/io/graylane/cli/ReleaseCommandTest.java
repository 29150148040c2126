package io.graylane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The release commands as a CI job runs them: arguments, the requests they make, what they print and their exit
 * codes. The API answers come from an HTTP server holding release-service's answers (the CLI is the unit here;
 * e2e-tests run it against the services).
 */
class ReleaseCommandTest {

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private HttpServer api;

    @BeforeEach
    void startTheApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(key + (body.isEmpty() ? "" : " " + body));
            String answer = answers.get(key);
            byte[] bytes = (answer == null ? "{\"title\": \"No such release\", \"status\": 404, \"detail\": \"no"
                    + " release\"}" : answer.substring(4)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null ? 404 : Integer.parseInt(answer.substring(0, 3)),
                    bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    @Test
    void getWaitExitsZeroOnCompletedTwoOnRolledBackThreeOnFailed() {
        answer("GET", "/canary", 200, release("Completed"));
        assertThat(run("release", "get", "canary", "-n", "demo", "--wait")).isZero();
        answer("GET", "/canary", 200, release("RolledBack"));
        assertThat(run("release", "get", "canary", "-n", "demo", "--wait", "--timeout", "1m")).isEqualTo(2);
        answer("GET", "/canary", 200, release("Failed"));
        assertThat(run("release", "get", "canary", "-n", "demo", "--wait")).isEqualTo(3);
        assertThat(printed()).contains("Rollout:     Aborted, step 1 of 3", "FAIL            errors",
                "rollback judge");
    }

    @Test
    void getWaitTimesOutWithItsOwnCode() {
        answer("GET", "/canary", 200, release("Active"));
        assertThat(run("release", "get", "canary", "-n", "demo", "--wait", "--timeout", "1s")).isEqualTo(4);
        assertThat(printed()).contains("is Active after 1s; not ended");
    }

    @Test
    void createReadsYamlAndPostsItAsJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("release.yaml");
        Files.writeString(file, """
                name: canary
                strategy: CANARY
                service: reviews
                baseline: {version: v1}
                candidate: {version: v2, image: "kubesphere/examples-bookinfo-reviews-v2:1.13.0"}
                rollout:
                  steps: [10, 25, 50]
                  minStepDuration: 30s
                """);
        answers.put("POST /api/v1/namespaces/demo/releases", "201 " + release("Pending"));
        assertThat(run("release", "create", "-f", file.toString(), "-n", "demo", "-o", "json")).isZero();
        assertThat(requests).anyMatch(r -> r.startsWith("POST /api/v1/namespaces/demo/releases {")
                && r.contains("\"steps\":[10,25,50]") && r.contains("\"minStepDuration\":\"30s\""));
        assertThat(printed()).contains("\"phase\" : \"Pending\"");
    }

    @Test
    void actionsPostAndProblemsExitOne() {
        answer("POST", "/canary/approve", 202, release("Active"));
        assertThat(run("release", "approve", "canary", "-n", "demo", "-o", "yaml")).isZero();
        assertThat(printed()).contains("phase: \"Active\"");
        assertThat(run("release", "pause", "nothing", "-n", "demo")).isEqualTo(1);
        assertThat(err.toString()).contains("graylane: 404 No such release");
        assertThat(run("release", "get", "canary", "--bogus")).isEqualTo(2);
        assertThat(run("--version")).isZero();
        assertThat(printed()).contains("graylane ");
    }

    private void answer(String method, String path, int status, String body) {
        answers.put(method + " /api/v1/namespaces/demo/releases" + path, status + " " + body);
        answers.put("GET /api/v1/namespaces/demo/releases/canary/decisions", "200 {\"items\": [{\"time\":"
                + " \"2026-12-05T10:00:01Z\", \"step\": 1, \"weights\": {\"v1\": 90, \"v2\": 10}, \"action\":"
                + " \"rollback\", \"actor\": \"judge\", \"reason\": \"the judge found the candidate worse: errors\"}]}");
    }

    private int run(String... args) {
        String url = "http://127.0.0.1:" + api.getAddress().getPort();
        Services services = new Services(URI.create(url), URI.create(url), URI.create("http://127.0.0.1:1"),
                URI.create(url));
        CommandLine command = new Main(new Http(Credentials.none()), services, new Console(new PrintStream(out, true,
                StandardCharsets.UTF_8), false)).commandLine();
        command.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String release(String phase) {
        return """
                {"namespace": "demo", "name": "canary", "strategy": "CANARY", "service": "reviews",
                 "baseline": {"version": "v1"}, "candidate": {"version": "v2"},
                 "traffic": {"weights": {"v1": 90, "v2": 10}}, "phase": "%s", "generation": 2,
                 "observedGeneration": 2, "rollout": {"steps": [10, 25, 50]},
                 "rolloutStatus": {"step": 1, "steps": 3, "state": "Aborted", "reason": "errors",
                   "stepStartedAt": "2026-12-05T10:00:00Z",
                   "verdict": {"outcome": "FAIL", "from": "2026-12-05T10:00:05Z", "to": "2026-12-05T10:00:15Z",
                     "checks": [{"check": "errors", "outcome": "FAIL", "statistic": 5000, "threshold": 900,
                                 "evidence": {"candidateErrors": 11, "candidateRequests": 84}}]}}}
                """.formatted(phase);
    }
}
