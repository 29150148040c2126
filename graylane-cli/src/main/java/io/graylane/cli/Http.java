package io.graylane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** JSON over HTTP to the services; an answer other than the ones expected becomes a {@link Failure}. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A service's answer. */
    record Answer(int status, JsonNode body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Credentials credentials;

    Http(Credentials credentials) {
        this.credentials = credentials;
    }

    JsonNode get(URI url) {
        return expect(send("GET", url, null), 200);
    }

    JsonNode post(URI url, Object body, int... expected) {
        return expect(send("POST", url, body), expected);
    }

    JsonNode put(URI url, Object body) {
        return expect(send("PUT", url, body), 200, 202);
    }

    JsonNode delete(URI url) {
        return expect(send("DELETE", url, null), 200);
    }

    Answer send(String method, URI url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json");
            credentials.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (ConnectException e) {
            throw new Failure("cannot reach " + url.getScheme() + "://" + url.getAuthority() + " (" + method + " "
                    + url.getPath() + "): is the suite running? Start it with ./graylane up");
        } catch (IOException e) {
            throw new Failure(method + " " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(method + " " + url + " interrupted");
        }
    }

    static JsonNode expect(Answer answer, int... expected) {
        if (Arrays.stream(expected).anyMatch(status -> status == answer.status())) {
            return answer.body();
        }
        throw new Failure(problem(answer));
    }

    /** An RFC 9457 problem as text: status and title, then the fields at fault or else the detail. */
    static String problem(Answer answer) {
        JsonNode body = answer.body();
        StringBuilder text = new StringBuilder().append(answer.status()).append(' ')
                .append(body.path("title").asText("(no problem document)"));
        if (body.path("errors").isEmpty() && body.hasNonNull("detail")) {
            text.append(": ").append(body.get("detail").asText());
        }
        for (JsonNode error : body.path("errors")) {
            text.append("\n  ").append(error.path("field").asText()).append(": ")
                    .append(error.path("message").asText());
        }
        return text.toString();
    }
}
