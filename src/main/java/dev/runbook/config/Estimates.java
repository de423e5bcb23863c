package dev.runbook.config;

import java.time.Duration;

/**
 * What the rest of a migration is expected to take once the engine change is sent, for the time budget checked
 * before it: the upgrade (the change and its wait), the verification after it, the monitoring period and, should it
 * fail, the rollback (a snapshot restore into a new group). Used until this environment has earlier runs under the
 * runs folder; then each part is the p95 of what it took there, a live run counting {@code liveWeight} times a
 * rehearsal (whose durations are simulated time).
 */
public record Estimates(Duration upgrade, Duration verification, Duration monitoring, Duration rollback,
                        int liveWeight) {
    /** reference.conf's values, for settings made in code. */
    public static final Estimates DEFAULTS = new Estimates(Duration.ofMinutes(20), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(20), 4);

    private static final Duration LONGEST = Duration.ofHours(24);

    static Estimates read(ConfigReader r) {
        Estimates e = new Estimates(part(r, "upgrade"), part(r, "verification"), part(r, "monitoring"),
                part(r, "rollback"), r.integer("live-weight", 1, 1000));
        r.rejectUnknown();
        return e;
    }

    private static Duration part(ConfigReader r, String key) {
        Duration d = r.duration(key);
        if (d.compareTo(LONGEST) > 0) {
            throw r.fail(key, r.string(key) + " is longer than 24h (a part of one maintenance window, e.g. 20m)");
        }
        return d;
    }
}
