package dev.runbook.ssm;

import dev.runbook.action.ssm.SsmAction;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.config.Environment;
import dev.runbook.config.Waits;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a runbook loaded for one environment into an SSM Automation document (schemaVersion 0.3): each step's
 * action gives its own form; this class only strings the forms together — parameters, the approvals' order,
 * {@code onFailure}/{@code onCancel} to the rollback after the first change, {@code isEnd} — and lists every
 * step that has no form, so the document's description says what only the terminal runbook does.
 */
public final class SsmExport {
    static final String MIGRATION_DONE = "MigrationDone";
    static final String ROLLBACK_DONE = "RollbackDone";

    /** What the export made: the document, and the steps that are not in it with why (for the summary). */
    public record Result(Map<String, Object> document, List<String> notExported, List<String> notApplicable,
                         List<String> partly, int steps) {
    }

    private final Environment environment;
    private final Waits waits;
    private final Optional<String> notificationArn;
    private final String terraformNote;

    /**
     * @param environment     the environment as exported (migration-method sdk)
     * @param terraformNote   non-empty when the settings manage the group with Terraform: said in the description
     * @param notificationArn the SNS topic for approvals, or empty (then the input is left out)
     */
    public SsmExport(Environment environment, Waits waits, Optional<String> notificationArn, String terraformNote) {
        this.environment = environment;
        this.waits = waits;
        this.notificationArn = notificationArn;
        this.terraformNote = terraformNote;
    }

    public Result export(Runbook runbook, String version) {
        List<List<SsmStep>> normal = new ArrayList<>();
        List<List<SsmStep>> rollback = new ArrayList<>();
        List<String> notExported = new ArrayList<>();
        List<String> notApplicable = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, Object> subs = environment.asSubstitutions();
        for (Runbook.Entry e : runbook.entries()) {
            String why = e.step().notApplicableBecause(subs);
            if (why != null) {
                notApplicable.add(e.key() + ": " + why);
                continue;
            }
            SsmContext ctx = new SsmContext(environment, waits, e.step().id(), e.step().title(), e.step().guide(),
                    e.step().confirm() == Confirm.TYPE_ID, notificationArn.isPresent(), facts);
            SsmForm form = e.step().action().ssm(ctx);
            if (form instanceof SsmForm.NotExportable n) {
                notExported.add(e.key() + " (" + e.step().title() + "): " + n.reason());
            } else if (form instanceof SsmForm.Exported x) {
                facts.putAll(x.facts());
                x.terminalOnly().forEach(t -> partly.add(e.key() + ": " + t));
                if (!x.steps().isEmpty()) {
                    requireApprovalFirst(e.key(), x.steps());
                    (e.section().kind() == Section.Kind.ROLLBACK ? rollback : normal).add(x.steps());
                }
            }
        }
        List<SsmStep> rollbackSteps = chain(rollback, ROLLBACK_DONE, "롤백 완료\n\nThe rollback ends here.");
        List<SsmStep> steps = chain(normal, MIGRATION_DONE, "마이그레이션 완료\n\nThe migration ends here; the steps"
                + " after this one run only when a step after the first change fails or the execution is cancelled.");
        steps = failureFlow(steps, rollbackSteps);
        List<Object> mainSteps = new ArrayList<>();
        steps.forEach(s -> mainSteps.add(s.toMap()));
        rollbackSteps.forEach(s -> mainSteps.add(s.toMap()));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("description", new SsmDescription(runbook, environment, version, terraformNote)
                .text(notExported, partly, notApplicable, !rollbackSteps.isEmpty()));
        doc.put("schemaVersion", "0.3");
        doc.put("assumeRole", SsmContext.ref(SsmContext.ROLE_PARAMETER));
        doc.put("parameters", SsmParameters.of(environment, notificationArn));
        doc.put("mainSteps", mainSteps);
        List<String> outputs = facts.values().stream().map(r -> r.replace("{{", "").replace("}}", "").trim()).toList();
        if (!outputs.isEmpty()) {
            doc.put("outputs", outputs);
        }
        return new Result(doc, notExported, notApplicable, partly, mainSteps.size());
    }

    /** A form that changes something must ask first: an aws:approve before its first changing step. */
    private static void requireApprovalFirst(String key, List<SsmStep> steps) {
        for (SsmStep s : steps) {
            if (s.action() == SsmAction.APPROVE) {
                return;
            }
            if (s.changes()) {
                throw new IllegalStateException(key + ": step " + s.name() + " changes the group without an"
                        + " aws:approve before it");
            }
        }
    }

    /** The forms in order, each one's {@link SsmStep#NEXT} pointing at the next form, and a closing step. */
    private static List<SsmStep> chain(List<List<SsmStep>> forms, String doneName, String doneDescription) {
        List<SsmStep> out = new ArrayList<>();
        if (forms.isEmpty()) {
            return out;
        }
        for (int i = 0; i < forms.size(); i++) {
            String next = i + 1 < forms.size() ? forms.get(i + 1).get(0).name() : doneName;
            forms.get(i).forEach(s -> out.add(s.resolveNext(next)));
        }
        out.add(new SsmStep(doneName, SsmAction.SLEEP, doneDescription, SsmStep.inputs("Duration", "PT1S"), List.of(),
                null, false, null, null, true));
        return out;
    }

    /**
     * After the first change, a failure or a cancel goes to the rollback's first step (the cancel path cannot go to
     * aws:approve or aws:sleep, so it takes the first step that is neither).
     */
    private static List<SsmStep> failureFlow(List<SsmStep> steps, List<SsmStep> rollback) {
        if (rollback.isEmpty()) {
            return steps;
        }
        String onFailure = "step:" + rollback.get(0).name();
        String onCancel = rollback.stream().filter(s -> s.action().allowedOnCancelPath()).findFirst()
                .map(s -> "step:" + s.name()).orElse("Abort");
        List<SsmStep> out = new ArrayList<>();
        boolean changed = false;
        for (SsmStep s : steps) {
            out.add(changed && !s.isEnd() ? s.withFlow(onFailure, onCancel, false) : s);
            changed |= s.changes();
        }
        return out;
    }
}
