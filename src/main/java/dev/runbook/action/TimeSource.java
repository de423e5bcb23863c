package dev.runbook.action;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock waits use: the system clock live and in dry-run, a compressed virtual clock in rehearsal, so the
 * same wait code runs in both and tests need no real sleeps.
 */
public interface TimeSource {
    Instant now();

    /** Waits {@code d} of this clock's time; throws when the thread is interrupted (cancel). */
    void sleep(Duration d) throws InterruptedException;

    /** The wall clock. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    };
}
