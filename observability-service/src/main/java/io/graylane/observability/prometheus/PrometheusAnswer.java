package io.graylane.observability.prometheus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.graylane.observability.prometheus.PrometheusClient.Point;
import io.graylane.observability.prometheus.PrometheusClient.Series;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of Prometheus' query answer Graylane reads
 * ({@code {"status", "errorType", "error", "data": {"result": [{"metric", "value" | "values"}]}}}), read token
 * by token as the answer streams in.
 */
final class PrometheusAnswer {

    String status;
    String errorType = "?";
    String error = "?";
    final List<Series> series = new ArrayList<>();

    void read(JsonParser parser) throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "status" -> status = parser.getText();
                case "errorType" -> errorType = parser.getText();
                case "error" -> error = parser.getText();
                case "data" -> data(parser);
                default -> parser.skipChildren();
            }
        }
    }

    private void data(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("result") && parser.currentToken() == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    series.add(oneSeries(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private static Series oneSeries(JsonParser parser) throws IOException {
        Map<String, String> labels = new HashMap<>();
        List<Point> points = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "metric" -> {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        labels.put(name, parser.getText());
                    }
                }
                case "value" -> points.add(point(parser));
                case "values" -> {
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        points.add(point(parser));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new Series(labels, points);
    }

    /** {@code [1764900000.5, "42"]}, the parser on its opening bracket. */
    private static Point point(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        parser.nextToken();
        double time = parser.getDoubleValue();
        parser.nextToken();
        double value = Double.parseDouble(parser.getText());
        expect(parser.nextToken(), JsonToken.END_ARRAY);
        return new Point(time, value);
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }
}
