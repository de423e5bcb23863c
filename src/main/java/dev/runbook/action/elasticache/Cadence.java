package dev.runbook.action.elasticache;

import java.time.Duration;
import java.time.Instant;

/**
 * When the upgrade wait asks AWS. The group's status is what tells completion, so it is polled every
 * {@link #STATUS} (notice within ~9 s at p95); events are read every 90 s, the two sources taking turns,
 * so the wait stays under 8 calls a minute. Before the upgrade is seen to start, the status is polled faster
 * for the first minute (the status may still read available right after the request) and the members' pending
 * version is checked every {@link #MEMBERS}.
 */
final class Cadence {
    static final Duration STATUS = Duration.ofMillis(9_500);
    static final Duration EARLY = Duration.ofSeconds(5);
    static final Duration EARLY_PHASE = Duration.ofMinutes(1);
    static final Duration EVENTS = Duration.ofSeconds(90);
    static final Duration MEMBERS = Duration.ofSeconds(30);

    private final Instant start;
    private Instant lastEvents;
    private Instant lastMembers;
    private int eventTurns;

    Cadence(Instant start) {
        this.start = start;
        this.lastEvents = start;
        this.lastMembers = start;
    }

    /** How long to sleep before the next status poll. */
    Duration next(boolean started, Instant now) {
        boolean early = Duration.between(start, now).compareTo(EARLY_PHASE) < 0;
        return !started && early ? EARLY : STATUS;
    }

    /** True (and resets) when events are due. */
    boolean eventsDue(Instant now) {
        if (Duration.between(lastEvents, now).compareTo(EVENTS) >= 0) {
            lastEvents = now;
            eventTurns++;
            return true;
        }
        return false;
    }

    /** Which source this events turn reads: the group on odd turns, the members on even ones. */
    boolean groupEventsTurn() {
        return eventTurns % 2 == 1;
    }

    /** True (and resets) when the members' pending version should be checked while the start is not yet seen. */
    boolean memberCheckDue(Instant now) {
        if (Duration.between(lastMembers, now).compareTo(MEMBERS) >= 0) {
            lastMembers = now;
            return true;
        }
        return false;
    }
}
