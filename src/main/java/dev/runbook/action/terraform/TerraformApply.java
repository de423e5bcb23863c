package dev.runbook.action.terraform;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionFactory;
import dev.runbook.action.Outcome;
import dev.runbook.action.Precondition;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import dev.runbook.action.elasticache.GroupEvidence;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code terraform.apply}: applies exactly the plan the terraform.plan step saved and the operator reviewed,
 * never a fresh one. Refuses when there is none, when it was blocked, when the file changed since review
 * (sha256), or when it is older than {@code max-plan-age} (default 1h: the group or the code may have moved
 * on). Records when the upgrade started so the monitor steps can split before/after; the next step waits
 * for the upgrade.
 */
public record TerraformApply(Path dir, Duration maxPlanAge) implements Action {
    static final Duration DEFAULT_MAX_PLAN_AGE = Duration.ofHours(1);


    static ActionFactory factory() {
        return params -> {
            TerraformApply action = new TerraformApply(Path.of(params.string("dir")),
                    params.duration("max-plan-age", DEFAULT_MAX_PLAN_AGE));
            params.finish();
            return action;
        };
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        Path planFile = ctx.fact("plan-file").map(Path::of).orElse(ctx.runDir().resolve(TerraformPlan.PLAN_FILE));
        Preview preview = Preview.of("terraform apply of the plan reviewed in the terraform-plan step (" + planFile
                        + "), nothing else; refused if it was blocked, changed since, or is older than "
                        + WindowOpening.human(maxPlanAge),
                ProcessTerraform.commandLine(dir, ProcessTerraform.applyArgs(planFile)));
        return ctx.environment().applyImmediately() ? preview
                : preview.withWarning("apply-immediately is false: the engine changes in the maintenance window "
                + ctx.environment().maintenanceWindow() + " UTC, not now");
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** The reviewed plan changes the engine: like the SDK path, never without this run's manual snapshot. */
    @Override
    public List<Precondition> preconditions() {
        return List.of(Precondition.MANUAL_SNAPSHOT);
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        Optional<String> refusal = refusal(ctx);
        if (refusal.isPresent()) {
            return Outcome.failed(refusal.get()).build();
        }
        Path planFile = Path.of(ctx.fact("plan-file").orElseThrow());
        PlanAnalysis.Result analysis = reanalyse(ctx, planFile);
        if (analysis.verdict() != PlanAnalysis.Verdict.SAFE) {
            return Outcome.failed("Refused: the saved plan JSON now reads " + analysis.verdict().word() + " ("
                    + analysis.findings().stream().filter(f -> f.severity() == PlanAnalysis.Severity.BLOCK)
                    .findFirst().map(PlanAnalysis.Finding::text).orElse("?") + "): plan again").build();
        }
        Instant started = ctx.time().now();
        ctx.progress().status("terraform apply in " + dir);
        ctx.progress().log("$ " + ProcessTerraform.commandLine(dir, ProcessTerraform.applyArgs(planFile)));
        TerraformOutput output = PlanRun.output(ctx);
        int exit;
        try {
            exit = PlanRun.runner(ctx).apply(dir, planFile, output);
        } catch (InterruptedException e) {
            ctx.progress().log("terraform apply was interrupted and asked to stop: the modification may already be"
                    + " under way at AWS and the state may still be locked; check the group's status before anything"
                    + " else (terraform force-unlock if a lock is left)");
            throw e;
        }
        if (exit != 0) {
            return Outcome.failed("terraform apply failed (exit " + exit + "): " + output.error()
                    + ": the group may be partly changed; check its status, then plan again before any new apply")
                    .fact("plan-file", planFile).build();
        }
        Instant applied = ctx.time().now();
        Instant upgradeStarted = analysis.deferredUntil().map(WindowOpening::start)
                .filter(start -> start.isAfter(started)).orElse(started);
        Outcome.Builder outcome = Outcome.succeeded("Applied the reviewed plan in "
                        + WindowOpening.human(Duration.between(started, applied)) + "; the next step waits for the upgrade")
                .fact("applied-at", applied)
                .fact("upgrade-started", upgradeStarted)
                .fact("plan-file", planFile);
        analysis.deferredUntil().ifPresent(window -> outcome.warning("apply_immediately is false: the engine changes"
                + " in the maintenance window (" + window.describe(applied) + ")"));
        return outcome.build();
    }

    /** Why the saved plan must not be applied, or empty when it is the reviewed, recent, unchanged plan. */
    Optional<String> refusal(ActionContext ctx) throws ActionException {
        Optional<String> file = ctx.fact("plan-file");
        Optional<String> sha = ctx.fact("plan-sha256");
        if (file.isEmpty() || sha.isEmpty()) {
            return Optional.of("Refused: there is no reviewed plan in this run; run the terraform-plan step first"
                    + " (apply only ever applies a saved, reviewed plan)");
        }
        if (!"safe".equals(ctx.fact("plan-verdict").orElse(""))) {
            return Optional.of("Refused: the reviewed plan was blocked (" + ctx.fact("plan-changes").orElse("?")
                    + "); fix the Terraform code and plan again");
        }
        Optional<String> planDir = ctx.fact("plan-dir");
        if (planDir.isPresent() && !Path.of(planDir.get()).equals(dir)) {
            return Optional.of("Refused: the plan was made in " + planDir.get() + ", not in " + dir + "; plan again here");
        }
        Path planFile = Path.of(file.get());
        if (!Files.isRegularFile(planFile)) {
            return Optional.of("Refused: the reviewed plan file " + planFile + " is gone; plan again");
        }
        String actual = PlanRun.sha256(planFile);
        if (!actual.equals(sha.get())) {
            return Optional.of("Refused: the plan file " + planFile + " changed since it was reviewed (sha256 "
                    + actual.substring(0, 12) + "…, reviewed " + sha.get().substring(0, Math.min(12, sha.get().length()))
                    + "…); plan again and review it");
        }
        Instant created;
        try {
            created = Instant.parse(ctx.fact("plan-created-at").orElse(""));
        } catch (DateTimeParseException e) {
            return Optional.of("Refused: the reviewed plan has no creation time; plan again");
        }
        Duration age = Duration.between(created, ctx.time().now());
        if (age.compareTo(maxPlanAge) > 0) {
            return Optional.of("Refused: the reviewed plan is " + WindowOpening.human(age) + " old (limit "
                    + WindowOpening.human(maxPlanAge) + "); the group or the code may have changed since: plan again");
        }
        return Optional.empty();
    }

    private static PlanAnalysis.Result reanalyse(ActionContext ctx, Path planFile) throws ActionException {
        Path json = planFile.resolveSibling(planFile.getFileName() + ".json");
        try {
            return PlanAnalysis.analyze(Files.readString(json),
                    PlanExpectations.migration(ctx.environment(), ctx.environment().replicationGroupId(), ctx.time().now()));
        } catch (IOException e) {
            throw new ActionException("Cannot read the reviewed plan's JSON " + json + ": " + e.getMessage() + "; plan again");
        }
    }

    /** No SSM form: only a plan reviewed in the terminal run is ever applied. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("terraform apply applies only a plan reviewed in the terminal run; the document"
                + " changes the group through the API (the sdk path)");
    }

    /** The apply changes the engine: done when the environment's group runs the target engine (or is modifying). */
    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        String engine = ctx.environment().target().engine();
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), ctx.environment().replicationGroupId(),
                g -> engine.equals(g.engine()), "the engine is already " + engine, "the engine change"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.engineChanged();
    }
}
