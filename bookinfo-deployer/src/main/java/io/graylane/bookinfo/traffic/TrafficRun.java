package io.graylane.bookinfo.traffic;

import io.graylane.bookinfo.config.DeployerConfig.Mode;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Requests the product page at a fixed rate until stopped or its time is up, and tallies what came back. */
final class TrafficRun {

    private final String namespace;
    private final Mode mode;
    private final double rate;
    private final String target;
    private final TrafficSource source;
    private final Tally tally;
    private final Clock clock;
    private final Instant startedAt;
    private final Instant endsAt;
    private final Runnable everySecond;
    private final ScheduledExecutorService executor;
    private volatile boolean running = true;

    TrafficRun(String namespace, Mode mode, double rate, Integer seconds, String target, TrafficSource source,
            Tally tally, Runnable everySecond, Clock clock) {
        this.namespace = namespace;
        this.mode = mode;
        this.rate = rate;
        this.target = target;
        this.source = source;
        this.tally = tally;
        this.everySecond = everySecond;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.endsAt = seconds == null ? null : startedAt.plusSeconds(seconds);
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "traffic-" + namespace);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        executor.scheduleAtFixedRate(this::request, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
        executor.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        if (endsAt != null) {
            executor.schedule(() -> new Thread(this::stop, "traffic-stop-" + namespace).start(),
                    endsAt.toEpochMilli() - startedAt.toEpochMilli(), TimeUnit.MILLISECONDS);
        }
    }

    /** Lets the request under way finish, then sends what is left. Not to be called from the run's threads. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.flush();
        running = false;
    }

    TrafficView view() {
        return new TrafficView(namespace, mode, running, rate, startedAt, endsAt, target, note(),
                tally.view(clock.millis()));
    }

    private void request() {
        if (endsAt != null && !clock.instant().isBefore(endsAt)) {
            return;
        }
        try {
            tally.count(source.request(), clock.millis());
        } catch (RuntimeException e) {
            tally.count(new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null), clock.millis());
        }
    }

    private void tick() {
        try {
            everySecond.run();
            source.flush();
        } catch (RuntimeException e) {
            tally.sent(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String note() {
        return mode == Mode.simulated
                ? "SIMULATED: no pod runs here. Each request is routed as the VirtualServices and DestinationRules "
                        + "in the cluster say, and the spans Istio's Envoy would report go to " + target + "."
                : "Real requests to " + target + "; the reviews version is read from the page (v1 no stars, "
                        + "v2 black stars, v3 red stars).";
    }
}
