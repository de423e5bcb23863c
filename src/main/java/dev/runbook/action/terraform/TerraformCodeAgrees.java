package dev.runbook.action.terraform;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionFactory;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ReportKind;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.io.IOException;

/**
 * {@code terraform.code-agrees}: after the change, runs a plain {@code terraform plan} in the environment's
 * Terraform root and passes only when it leaves the replication group unchanged. Otherwise it fails naming the
 * attributes that differ and the values to set in the code, and says DATA LOSS when the plan would replace the
 * group (the next apply by anyone would). Where there is no Terraform root it is skipped, saying the code could
 * not be checked. Read-only; its failure calls for fixing the code, never for rolling the group back.
 */
public record TerraformCodeAgrees(Path dir, String replicationGroup) implements Action {
    static final String PLAN_FILE = "tfplan-code-agrees";

    static ActionFactory factory() {
        return params -> new TerraformCodeAgrees(Path.of(params.string("dir")), params.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return PlanRun.preview(ctx, dir, List.of(), PLAN_FILE, "terraform plan in " + dir + " (never applied): the"
                + " Terraform code must leave " + replicationGroup + " unchanged, or the next apply changes it back");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        if (ctx.service(Terraform.class).isEmpty() && (dir.toString().isBlank() || !Files.isDirectory(dir))) {
            String why = "The Terraform code could not be checked: there is no Terraform directory "
                    + (dir.toString().isBlank() ? "(terraform-dir is empty)" : dir.toAbsolutePath().normalize())
                    + ". If Terraform manages " + replicationGroup + ", run terraform plan there before anyone applies";
            return Outcome.skipped(why).fact("terraform-verdict", "not checked").fact("terraform-verdict-line", why).build();
        }
        PlanRun.Planned planned = PlanRun.plan(ctx, dir, List.of(), PLAN_FILE,
                new PlanExpectations(false, replicationGroup, null, null, null, null, ctx.time().now()));
        String json;
        try {
            json = Files.readString(planned.jsonFile());
        } catch (IOException e) {
            throw new ActionException("Cannot read the saved plan JSON " + planned.jsonFile() + ": " + e.getMessage());
        }
        CodeAgreement.Result result = CodeAgreement.analyze(json, replicationGroup);
        String line = result.line();
        Outcome.Builder outcome = result.verdict() == CodeAgreement.Verdict.AGREES
                ? Outcome.succeeded(line) : Outcome.failed(line);
        if (result.verdict() == CodeAgreement.Verdict.REPLACES) {
            outcome.warning(line);
        }
        result.differences().forEach(d -> ctx.progress().log("  " + d.attribute() + ": code " + d.code()
                + ", group " + d.group()));
        return outcome.fact("terraform-verdict", result.verdict().word())
                .fact("terraform-verdict-line", line)
                .fact("terraform-settings", result.differences().isEmpty() ? "none" : result.settings())
                .fact("plan-file", planned.planFile())
                .fact("plan-dir", dir)
                .build();
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(ReportKind.TERRAFORM_CODE);
    }

    /** Its failure means the code is wrong, not the group: the run stops for the code, it does not roll back. */
    @Override
    public boolean rollbackOnFailure() {
        return false;
    }

    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("terraform plan runs where the Terraform code and state are: run this check"
                + " there after the document has changed the group");
    }
}
