package dev.runbook.action.guard;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Placeholder;

/** Registers the guard actions. */
public final class GuardActions {
    private GuardActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("guard.maintenance-window", Placeholder.factory("guard.maintenance-window", false, "Check the maintenance window"));
        r.register("guard.rollback-feasibility", Placeholder.factory("guard.rollback-feasibility", false, "Check a way back exists"));
        r.register("guard.in-place-settings", Placeholder.factory("guard.in-place-settings", false, "Check settings that cannot change in place"));
    }
}
