package dev.runbook.action.terraform;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionFactory;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.nio.file.Path;
import java.util.List;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;

/**
 * {@code terraform.plan-rollback}: plans the guide's rollback ({@code -var=elasticache_engine_version=7.0})
 * and analyses it, never applying it. DOMAIN: an engine downgrade is ForceNew, so the plan replaces the group
 * and loses its data; this step succeeds as a check when it sees exactly that, and points to the snapshot
 * restore. If the plan is surprisingly not a replacement it still succeeds, with a loud warning.
 */
public record TerraformPlanRollback(Path dir, String replicationGroup, String engineVersion) implements Action {
    static final String PLAN_FILE = "tfplan-rollback";


    static ActionFactory factory() {
        return params -> {
            TerraformPlanRollback action = new TerraformPlanRollback(Path.of(params.string("dir")),
                    params.string("replication-group"), params.string("engine-version"));
            params.finish();
            return action;
        };
    }

    private List<String> args() {
        return List.of("-var=elasticache_engine_version=" + engineVersion);
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return PlanRun.preview(ctx, dir, args(), PLAN_FILE,
                "Plan (never apply) the guide's rollback to engine_version " + engineVersion + " for "
                        + replicationGroup + " and show whether it would replace the group");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        PlanRun.Planned planned = PlanRun.plan(ctx, dir, args(), PLAN_FILE,
                PlanExpectations.rollback(ctx.environment(), replicationGroup, ctx.time().now()));
        PlanAnalysis.Result analysis = planned.analysis();
        Outcome.Builder outcome;
        if (analysis.verdict() == PlanAnalysis.Verdict.BLOCKED) {
            outcome = Outcome.succeeded("The guide's rollback would replace " + replicationGroup + " and lose its data ("
                    + analysis.blocks().get(0).text() + "): use the snapshot restore, next step");
        } else if (analysis.verdict() == PlanAnalysis.Verdict.UNREADABLE) {
            outcome = Outcome.failed("The rollback plan could not be read (" + analysis.findings().get(0).text()
                    + "); do not apply it: use the snapshot restore, next step");
        } else {
            outcome = Outcome.succeeded("The guide's rollback plan is NOT a replacement (" + analysis.counts()
                            + "): still do not apply it; use the snapshot restore, next step")
                    .warning("SURPRISE: the rollback plan to engine_version " + engineVersion + " does not replace "
                            + replicationGroup + ". AWS cannot downgrade Valkey 8.0 in place, so applying it would"
                            + " fail or do something unexpected: read " + planned.jsonFile() + " before anything else");
        }
        return outcome.fact("rollback-plan-file", planned.planFile())
                .fact("rollback-plan-verdict", analysis.verdict().word())
                .fact("rollback-plan-changes", TerraformPlan.changes(analysis))
                .build();
    }

    /** Never exported: the guide's Terraform rollback would replace the group (data loss). */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("the guide's Terraform rollback (engine_version=7.0) would replace the group and"
                + " lose its data: it is never exported; the document's rollback is the snapshot restore");
    }
}
