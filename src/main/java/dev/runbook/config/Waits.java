package dev.runbook.config;

import java.time.Duration;

/** How long the long waits may take before they give up and say so. */
public record Waits(Duration snapshotTimeout, Duration upgradeTimeout, Duration restoreTimeout) {
    static Waits read(ConfigReader r) {
        Waits w = new Waits(r.duration("snapshot-timeout"), r.duration("upgrade-timeout"), r.duration("restore-timeout"));
        r.rejectUnknown();
        return w;
    }
}
