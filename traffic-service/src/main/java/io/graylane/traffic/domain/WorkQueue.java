package io.graylane.traffic.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keys waiting to be processed, as in a Kubernetes controller: a key queued twice is processed once, a key
 * always goes to the same worker (so one release is never processed by two threads at once), and a key
 * queued while it is being processed is processed again afterwards. Whatever a pass throws is logged and the
 * worker goes on.
 */
public final class WorkQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    private final ExecutorService[] workers;
    private final AtomicReference<Instant>[] busySince;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "work-queue-timer"));
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Consumer<String> process;
    private final Clock clock;

    @SuppressWarnings("unchecked")
    public WorkQueue(int workerCount, Consumer<String> process, Clock clock) {
        this.process = process;
        this.clock = clock;
        this.workers = new ExecutorService[workerCount];
        this.busySince = new AtomicReference[workerCount];
        for (int i = 0; i < workerCount; i++) {
            String name = "reconciler-" + i;
            workers[i] = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name));
            busySince[i] = new AtomicReference<>();
        }
    }

    public void add(String key) {
        if (queued.add(key)) {
            int worker = Math.floorMod(key.hashCode(), workers.length);
            workers[worker].execute(() -> {
                queued.remove(key);
                busySince[worker].set(clock.instant());
                try {
                    process.accept(key);
                } catch (RuntimeException | Error e) {
                    LOG.errorf(e, "%s: pass failed; the next change or timer tries again", key);
                } finally {
                    busySince[worker].set(null);
                }
            });
        }
    }

    public void addAfter(String key, Duration delay) {
        timer.schedule(() -> add(key), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Whether the workers and the timer run and no pass has been running for longer than {@code stuckAfter}. */
    public boolean live(Duration stuckAfter) {
        Instant limit = clock.instant().minus(stuckAfter);
        for (int i = 0; i < workers.length; i++) {
            Instant since = busySince[i].get();
            if (workers[i].isShutdown() || (since != null && since.isBefore(limit))) {
                return false;
            }
        }
        return !timer.isShutdown();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
