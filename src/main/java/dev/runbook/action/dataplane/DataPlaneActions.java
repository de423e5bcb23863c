package dev.runbook.action.dataplane;

import dev.runbook.action.ActionRegistry;

/**
 * Registers the data-plane actions: checks against the cache itself (engine identity, downtime, data intact,
 * benchmark) that the runbook runs before and after the engine change.
 */
public final class DataPlaneActions {
    private DataPlaneActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("dataplane.endpoint-check", EndpointCheck::create);
        r.register("dataplane.fingerprint", Fingerprint::create);
        r.register("dataplane.benchmark", Benchmark::create);
        r.register("dataplane.downtime-probe", DowntimeProbeStep::create);
        r.register("dataplane.client-list", ClientList::create);
    }
}
