package io.graylane.observability.ingest;

import io.graylane.observability.config.ObservabilityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Pushes back instead of queueing without bound: at most {@code max-concurrent} requests are read and stored at
 * once; the next one is refused at once (503 with Retry-After), before any of its body is read. A body is read
 * up to {@code max-body-bytes} and one more byte: a larger one is refused (413) without being read further, so
 * the bodies in memory never take more than {@code max-concurrent} times the limit (gzip bodies counted after
 * decompression).
 */
@ApplicationScoped
public class IngestGate {

    private final Semaphore permits;
    private final int maxBodyBytes;

    @Inject
    IngestGate(ObservabilityConfig config) {
        this(config.ingest().maxConcurrent(), config.ingest().maxBodyBytes());
    }

    IngestGate(int maxConcurrent, int maxBodyBytes) {
        this.permits = new Semaphore(maxConcurrent);
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads the body and runs {@code store} on it if there is room, else throws {@link Overloaded}; throws
     * {@link TooLarge} as soon as the body passes the limit.
     */
    public <T> T admit(InputStream body, Function<byte[], T> store) {
        if (!permits.tryAcquire()) {
            throw new Overloaded();
        }
        try {
            byte[] bytes = body.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw new TooLarge(maxBodyBytes);
            }
            return store.apply(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body", e);
        } finally {
            permits.release();
        }
    }

    /** Every permit is taken: the client should retry in a moment. */
    public static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("too many spans arriving at once; retry in a second");
        }
    }

    /** The body is larger than the configured limit. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(int max) {
            super("the body has more than the " + max + " bytes accepted (after decompression); send smaller"
                    + " batches");
        }
    }
}
