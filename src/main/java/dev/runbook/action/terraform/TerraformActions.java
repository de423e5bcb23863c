package dev.runbook.action.terraform;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Placeholder;

/** Registers the terraform actions. */
public final class TerraformActions {
    private TerraformActions() {
    }

    public static void register(ActionRegistry r) {
        r.register("terraform.plan", Placeholder.factory("terraform.plan", false, "terraform plan, saved and analysed"));
        r.register("terraform.apply", Placeholder.factory("terraform.apply", true, "terraform apply of the reviewed plan"));
        r.register("terraform.plan-rollback", Placeholder.factory("terraform.plan-rollback", false, "Plan the guide's terraform rollback and analyse it"));
    }
}
