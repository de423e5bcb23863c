package dev.runbook.action.dataplane;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Placeholder;

/** Registers the dataplane actions. */
public final class DataPlaneActions {
    private DataPlaneActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("dataplane.endpoint-check", Placeholder.factory("dataplane.endpoint-check", false, "PING and INFO server: engine and version"));
        r.register("dataplane.fingerprint", Placeholder.factory("dataplane.fingerprint", false, "Record or compare a data fingerprint"));
        r.register("dataplane.benchmark", Placeholder.factory("dataplane.benchmark", false, "Benchmark the endpoint"));
        r.register("dataplane.downtime-probe", Placeholder.factory("dataplane.downtime-probe", false, "Start or stop the downtime probe"));
    }
}
