package io.graylane.bookinfo.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The tutorial's curl loop: requests the product page and reads from its HTML which reviews version
 * answered: no stars is v1, black stars v2, red stars v3.
 */
public final class RealProductpage implements TrafficSource {

    private final HttpClient http;
    private final URI url;

    public RealProductpage(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public Outcome request() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Outcome(null, "productpage: " + response.statusCode(), null);
            }
            return read(response.body());
        } catch (IOException e) {
            return new Outcome(null, "productpage: " + e.getClass().getSimpleName() + " " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", null);
        }
    }

    /** Which reviews version rendered the page, from Bookinfo's productpage template. */
    static Outcome read(String html) {
        if (html.contains("reviews are currently unavailable") || html.contains("Error fetching product reviews")) {
            return new Outcome(null, "reviews unavailable", null);
        }
        if (html.contains("Ratings service is currently unavailable")) {
            return new Outcome(null, "ratings unavailable (reviews v2 or v3)", null);
        }
        if (html.contains("glyphicon-star")) {
            if (html.contains("color=\"red\"")) {
                return new Outcome("v3", null, null);
            }
            if (html.contains("color=\"black\"")) {
                return new Outcome("v2", null, null);
            }
            return new Outcome(null, "stars of an unknown colour", null);
        }
        if (html.contains("<blockquote>")) {
            return new Outcome("v1", null, null);
        }
        return new Outcome(null, "not Bookinfo's product page", null);
    }
}
