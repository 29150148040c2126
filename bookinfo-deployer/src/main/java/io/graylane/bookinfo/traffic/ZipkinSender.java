package io.graylane.bookinfo.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** Posts spans to a Zipkin collector endpoint as Envoy does: a v2 JSON list to {@code /api/v2/spans}. */
final class ZipkinSender implements Consumer<List<Span>> {

    private final HttpClient http;
    private final URI endpoint;
    private final Tally tally;

    ZipkinSender(HttpClient http, URI base, Tally tally) {
        this.http = http;
        this.endpoint = base.resolve("/api/v2/spans");
        this.tally = tally;
    }

    @Override
    public void accept(List<Span> spans) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SpanBytesEncoder.JSON_V2.encodeList(spans))).build(),
                    HttpResponse.BodyHandlers.ofString());
            tally.sent(spans.size(), response.statusCode() == 202 ? null
                    : endpoint + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            tally.sent(spans.size(), endpoint + " cannot be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
