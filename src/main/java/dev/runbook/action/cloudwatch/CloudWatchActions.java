package dev.runbook.action.cloudwatch;

import dev.runbook.action.ActionRegistry;

/** Registers the cloudwatch actions. */
public final class CloudWatchActions {
    private CloudWatchActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("cloudwatch.metrics-window", MetricsWindow::create);
    }
}
