package dev.runbook.config;

import java.time.Duration;

/**
 * The advisory lease a run holds on its replication group (a tag in AWS): how long one taking or renewal is
 * good for, and how often a living run renews it. Renewal comes before half the duration is gone, so one
 * failed renewal (a throttled call, a network blip) still leaves time for the next.
 */
public record LeaseSettings(Duration duration, Duration renewEvery) {
    static LeaseSettings read(ConfigReader r) {
        LeaseSettings s = new LeaseSettings(r.duration("duration"), r.duration("renew-every"));
        if (s.renewEvery.multipliedBy(2).compareTo(s.duration) > 0) {
            throw r.fail("renew-every", words(s.renewEvery) + " is more than half of lease.duration ("
                    + words(s.duration) + "): the lease could expire between two renewals");
        }
        r.rejectUnknown();
        return s;
    }

    private static String words(Duration d) {
        return d.toSecondsPart() == 0 && d.toMillisPart() == 0 ? d.toMinutes() + "m" : d.toMillis() + "ms";
    }
}
