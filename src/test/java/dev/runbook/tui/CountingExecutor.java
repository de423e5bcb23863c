package dev.runbook.tui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real worker thread (a step asking for confirmation blocks it while the test, as the GUI thread, answers)
 * that counts the tasks not yet finished, so a test can tell when the worker has nothing left to do.
 */
final class CountingExecutor implements Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-step-worker");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable command) {
        pending.incrementAndGet();
        thread.execute(() -> {
            try {
                command.run();
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    boolean idle() {
        return pending.get() == 0;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
