package dev.runbook.tui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor the test runs by hand, on its own thread: no threads, no waiting. */
final class ManualExecutor implements Executor {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        queue.addLast(command);
    }

    /** Runs everything queued, including what the queued tasks queue. */
    void runAll() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.pollFirst();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }
}
