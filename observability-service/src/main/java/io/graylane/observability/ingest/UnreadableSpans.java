package io.graylane.observability.ingest;

/** Spans that do not follow their format; the message says where. */
public class UnreadableSpans extends RuntimeException {

    public UnreadableSpans(String message, Throwable cause) {
        super(message, cause);
    }
}
