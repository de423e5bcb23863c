package dev.runbook.action.cloudwatch;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Placeholder;

/** Registers the cloudwatch actions. */
public final class CloudWatchActions {
    private CloudWatchActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("cloudwatch.metrics-window", Placeholder.factory("cloudwatch.metrics-window", false, "CloudWatch metrics for every member node"));
    }
}
