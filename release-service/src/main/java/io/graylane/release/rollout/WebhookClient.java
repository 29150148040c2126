package io.graylane.release.rollout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.graylane.events.release.Rollout;
import io.graylane.release.config.ReleaseServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Calls webhooks: a POST of the JSON body, signed, answered within the configured timeout. */
@ApplicationScoped
public class WebhookClient {

    private final HttpClient http;
    private final WebhookSigner signer;
    private final Duration timeout;
    private final ObjectMapper json;

    WebhookClient(ReleaseServiceConfig config, ObjectMapper json) {
        this.timeout = config.webhooks().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.signer = new WebhookSigner(config.webhooks().secret());
        this.json = json;
    }

    /** Why a call did not succeed, or empty when it answered 2xx. */
    public Optional<String> post(String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signer.signature(body).ifPresent(signature -> request.header(WebhookSigner.HEADER, signature));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("answered " + response.statusCode());
        } catch (IOException e) {
            return Optional.of("unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Asks every gate hook in turn; the first that does not answer 2xx holds the rollout. Empty when all let it
     * through (or there are none).
     */
    public Optional<String> askGates(List<Rollout.Webhook> gates, WebhookCall call) {
        for (Rollout.Webhook gate : gates) {
            WebhookCall typed = withType(call, gate.type());
            Optional<String> refused = post(gate.url(), write(typed));
            if (refused.isPresent()) {
                return Optional.of(typeName(gate.type()) + " webhook " + gate.url() + " " + refused.get());
            }
        }
        return Optional.empty();
    }

    public String write(WebhookCall call) {
        try {
            return json.writeValueAsString(call);
        } catch (IOException e) {
            throw new IllegalStateException("a webhook call is plain data", e);
        }
    }

    static WebhookCall withType(WebhookCall call, Rollout.WebhookType type) {
        return new WebhookCall(typeName(type), call.namespace(), call.name(), call.service(), call.phase(),
                call.step(), call.weights(), call.state(), call.action(), call.reason(), call.baseline(),
                call.candidate());
    }

    static String typeName(Rollout.WebhookType type) {
        return type.toString();
    }
}
