package io.graylane.release.events;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

/**
 * Handles a consumed event, trying again while the failure is a {@link TransientFailure}: from 0.5 s doubling
 * to 30 s, for as long as it lasts. The consumer's partition waits meanwhile, so reports stay in order; its
 * offset is committed only once the event was handled. Each attempt runs in a transaction of its own.
 */
@ApplicationScoped
public class PatientHandler {

    private static final Logger LOG = Logger.getLogger(PatientHandler.class);

    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, jitter = 100)
    @ExponentialBackoff(factor = 2, maxDelay = 30_000)
    @RetryWhen(exception = TransientFailure.class)
    public void handle(String what, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException e) {
            if (TransientFailure.is(e)) {
                LOG.warnf("%s: a passing failure, trying again: %s", what, e.toString());
            }
            throw e;
        }
    }
}
