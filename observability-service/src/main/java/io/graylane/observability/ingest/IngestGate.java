package io.graylane.observability.ingest;

import io.graylane.observability.config.ObservabilityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Pushes back instead of queueing without bound: at most {@code max-concurrent} requests are stored at once;
 * the next one is refused at once (503 with Retry-After), before anything of it is accepted.
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

    /** Runs {@code store} if there is room, else throws {@link Overloaded}. */
    public <T> T admit(byte[] body, Supplier<T> store) {
        if (body.length > maxBodyBytes) {
            throw new TooLarge(body.length, maxBodyBytes);
        }
        if (!permits.tryAcquire()) {
            throw new Overloaded();
        }
        try {
            return store.get();
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
        TooLarge(int bytes, int max) {
            super("the body has " + bytes + " bytes, more than the " + max + " accepted; send smaller batches");
        }
    }
}
