package dev.runbook.action.terraform;

import dev.runbook.action.ActionRegistry;

/** Registers the terraform actions: plan (saved, analysed), apply (only the reviewed plan), plan-rollback. */
public final class TerraformActions {
    private TerraformActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("terraform.plan", TerraformPlan.factory());
        r.register("terraform.apply", TerraformApply.factory());
        r.register("terraform.plan-rollback", TerraformPlanRollback.factory());
        r.register("terraform.code-agrees", TerraformCodeAgrees.factory());
    }
}
