package dev.runbook.aws;

import dev.runbook.action.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The rehearsal's clock: virtual time runs {@code speed} times faster than the wall clock. {@code sleep(d)}
 * really sleeps d/speed, then the virtual time has moved on by d; between sleeps virtual time still flows at
 * speed × real time, so a step that takes 2 real seconds takes 2×speed virtual seconds. Thread-safe: it keeps
 * one anchor (real, virtual) and derives every reading from it.
 */
public final class VirtualClock implements TimeSource {
    private final long speed;
    private final long realAnchorNanos;
    private final Instant virtualAnchor;
    private final LongSupplier nanoTime;

    public VirtualClock(Instant start, long speed) {
        this(start, speed, System::nanoTime);
    }

    /** With an injected nanosecond source, so tests can drive real time. */
    VirtualClock(Instant start, long speed, LongSupplier nanoTime) {
        if (speed < 1) {
            throw new IllegalArgumentException("speed must be at least 1, was " + speed);
        }
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.realAnchorNanos = nanoTime.getAsLong();
        this.virtualAnchor = start;
    }

    public long speed() {
        return speed;
    }

    @Override
    public Instant now() {
        long realElapsed = nanoTime.getAsLong() - realAnchorNanos;
        return virtualAnchor.plusNanos(Math.multiplyExact(realElapsed, speed));
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (d.isNegative() || d.isZero()) {
            return;
        }
        Instant until = now().plus(d);
        // Sleep in real time until the virtual deadline; re-check so early wake-ups cannot cut a wait short.
        while (true) {
            long virtualLeftNanos = Duration.between(now(), until).toNanos();
            if (virtualLeftNanos <= 0) {
                return;
            }
            long realNanos = Math.max(1, virtualLeftNanos / speed);
            Thread.sleep(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
        }
    }
}
