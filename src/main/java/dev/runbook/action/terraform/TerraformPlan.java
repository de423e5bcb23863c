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
import java.util.stream.Collectors;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;

/**
 * {@code terraform.plan}: plans the migration in the environment's Terraform root, saves the plan in the run
 * folder for the apply step, and analyses it. Fails when the plan would replace the group (data loss) or does
 * not migrate to the target; read-only (a plan changes nothing).
 */
public record TerraformPlan(Path dir, String replicationGroup) implements Action {
    static final String PLAN_FILE = "tfplan";


    static ActionFactory factory() {
        return params -> {
            TerraformPlan action = new TerraformPlan(Path.of(params.string("dir")), params.string("replication-group"));
            params.finish();
            return action;
        };
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return PlanRun.preview(ctx, dir, List.of(), PLAN_FILE, "terraform plan for " + replicationGroup + " in " + dir
                + ", saved to " + ctx.runDir().resolve(PLAN_FILE) + " and checked for data loss and the valkey target");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        PlanExpectations expect = PlanExpectations.migration(ctx.environment(), replicationGroup, ctx.time().now());
        PlanRun.Planned planned = PlanRun.plan(ctx, dir, List.of(), PLAN_FILE, expect);
        PlanAnalysis.Result analysis = planned.analysis();
        boolean safe = analysis.verdict() == PlanAnalysis.Verdict.SAFE;
        String summary = safe
                ? "Plan is safe to apply (" + analysis.counts() + "); saved as " + planned.planFile()
                : analysis.verdict() == PlanAnalysis.Verdict.BLOCKED
                ? "Plan BLOCKED, do not apply: " + analysis.blocks().get(0).text()
                : "Plan unreadable: " + analysis.findings().get(0).text();
        Outcome.Builder outcome = safe ? Outcome.succeeded(summary) : Outcome.failed(summary);
        outcome.fact("plan-file", planned.planFile())
                .fact("plan-sha256", planned.sha256())
                .fact("plan-verdict", safe ? "safe" : "blocked")
                .fact("plan-changes", changes(analysis))
                .fact("plan-created-at", ctx.time().now())
                .fact("plan-dir", dir)
                .fact("terraform-version", planned.version().terraform());
        planned.version().awsProvider().ifPresent(v -> outcome.fact("aws-provider", v));
        analysis.findings().stream().filter(f -> f.severity() != PlanAnalysis.Severity.INFO)
                .forEach(f -> outcome.warning(f.toString()));
        return outcome.build();
    }

    /** "update aws_elasticache_replication_group.this" per change, or "none". */
    static String changes(PlanAnalysis.Result analysis) {
        String list = analysis.changes().stream().map(c -> c.word() + " " + c.address()).collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    /** No SSM form: Terraform runs where its code and state are; the document takes the SDK path instead. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("terraform plan runs where the Terraform code and state are; the document"
                + " changes the group through the API (the sdk path)");
    }
}
