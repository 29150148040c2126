package io.graylane.traffic.domain;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keys waiting to be processed, as in a Kubernetes controller: a key queued twice is processed once, a key
 * always goes to the same worker (so one release is never processed by two threads at once), and a key
 * queued while it is being processed is processed again afterwards.
 */
public final class WorkQueue implements AutoCloseable {

    private final ExecutorService[] workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "work-queue-timer"));
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Consumer<String> process;

    public WorkQueue(int workerCount, Consumer<String> process) {
        this.process = process;
        this.workers = new ExecutorService[workerCount];
        for (int i = 0; i < workerCount; i++) {
            String name = "reconciler-" + i;
            workers[i] = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name));
        }
    }

    public void add(String key) {
        if (queued.add(key)) {
            workers[Math.floorMod(key.hashCode(), workers.length)].execute(() -> {
                queued.remove(key);
                process.accept(key);
            });
        }
    }

    public void addAfter(String key, Duration delay) {
        timer.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
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
