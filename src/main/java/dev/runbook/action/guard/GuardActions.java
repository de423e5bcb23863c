package dev.runbook.action.guard;

import dev.runbook.action.ActionRegistry;

/** Registers the guard actions: checks that stop the run before something unsafe. */
public final class GuardActions {
    private GuardActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("guard.maintenance-window", MaintenanceWindowGuard::create);
        r.register("guard.rollback-feasibility", RollbackFeasibility::create);
        r.register("guard.in-place-settings", InPlaceSettings::create);
        r.register("guard.no-run-in-flight", NoRunInFlight::create);
    }
}
