package io.graylane.observability.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** The spans of one trace, each kept as its proto3 encoding (about a quarter of a decoded span's heap). */
final class TraceRecord {

    private static final Logger LOG = Logger.getLogger(TraceRecord.class);


    final String traceId;
    final long firstArrival;
    private byte[][] spans = new byte[4][];
    private int size;
    long minTimestamp = Long.MAX_VALUE;
    long maxEnd = Long.MIN_VALUE;
    boolean evicted;

    TraceRecord(String traceId, long firstArrival) {
        this.traceId = traceId;
        this.firstArrival = firstArrival;
    }

    void add(byte[] encoded, Span span) {
        if (size == spans.length) {
            spans = Arrays.copyOf(spans, size * 2);
        }
        spans[size++] = encoded;
        if (span.timestampAsLong() > 0) {
            minTimestamp = Math.min(minTimestamp, span.timestampAsLong());
            maxEnd = Math.max(maxEnd, span.timestampAsLong() + span.durationAsLong());
        }
    }

    int size() {
        return size;
    }

    long bytes() {
        long bytes = 16L + 8L * spans.length;
        for (int i = 0; i < size; i++) {
            bytes += 16 + spans[i].length;
        }
        return bytes;
    }

    /** The spans; one that cannot be read back (ingest refuses what could not) is left out, not fatal. */
    List<Span> decode() {
        List<Span> decoded = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                decoded.add(SpanBytesDecoder.PROTO3.decodeOne(spans[i]));
            } catch (IllegalArgumentException unreadable) {
                LOG.warnf("a stored span cannot be read back and is left out: %s", unreadable.getMessage());
            }
        }
        return decoded;
    }
}
