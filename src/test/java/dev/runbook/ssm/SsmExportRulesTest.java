package dev.runbook.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import dev.runbook.runbook.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The exporter's own rules, on a small runbook of stand-in actions. */
class SsmExportRulesTest {
    private static final Settings SETTINGS = TestSettings.load();

    /** An action whose SSM form is given (or, with null, the interface's default). */
    private record Stub(Function<SsmContext, SsmForm> form) implements Action {
        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("stub");
        }

        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            return Outcome.succeeded("stub").build();
        }

        @Override
        public SsmForm ssm(SsmContext ctx) {
            return form == null ? Action.super.ssm(ctx) : form.apply(ctx);
        }
    }

    private static Step step(String id, Function<SsmContext, SsmForm> form) {
        return new Step(id, "Title of " + id, "가이드 " + id, "", "test.stub", new Stub(form), Confirm.NONE, Map.of(), java.util.List.of(),
                "test.conf:1");
    }

    private static SsmExport.Result export(Step... steps) {
        Runbook rb = new Runbook("t", "T", "test.conf",
                List.of(new Section("main", "Main", "본문", Section.Kind.NORMAL, List.of(steps))));
        return new SsmExport(SETTINGS.environment("dev"), SETTINGS.waits(), Optional.empty(), "").export(rb, "test");
    }

    private static final Function<SsmContext, SsmForm> READ = ctx -> SsmForm.of(ctx.awsApi("Read", "read",
            "elasticache", "DescribeReplicationGroups", SsmStep.inputs("ReplicationGroupId", ctx.group())));

    @Test
    void anActionWithoutAFormIsListedNotDropped() {
        SsmExport.Result r = export(step("first", READ), step("forgotten", null));
        assertEquals(List.of("main/forgotten (Title of forgotten): this action has no SSM Automation form"),
                r.notExported());
        assertTrue(((String) r.document().get("description")).contains(
                "## Only the terminal runbook performs\n\n- main/forgotten (Title of forgotten): this action has no"
                        + " SSM Automation form"), (String) r.document().get("description"));
    }

    @Test
    void aChangeWithoutAnApprovalBeforeItIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> export(step("sneaky",
                ctx -> SsmForm.of(ctx.awsApi("Modify", "modify", "elasticache", "ModifyReplicationGroup",
                        SsmStep.inputs("ReplicationGroupId", ctx.group())).changing()))));
        assertEquals("main/sneaky: step Sneaky_Modify changes the group without an aws:approve before it",
                e.getMessage());
    }

    @Test
    void aSkipBranchPointsAtTheNextFormsFirstStepOrTheEnd() {
        Function<SsmContext, SsmForm> skipping = ctx -> SsmForm.of(ctx.skipWithoutInstance(),
                ctx.awsApi("Read", "read", "elasticache", "DescribeReplicationGroups",
                        SsmStep.inputs("ReplicationGroupId", ctx.group())));
        SsmExport.Result r = export(step("one", skipping), step("two", skipping));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) r.document().get("mainSteps");
        assertEquals(List.of("One_NeedsInstance", "One_Read", "Two_NeedsInstance", "Two_Read", "MigrationDone"),
                steps.stream().map(s -> s.get("name")).toList());
        assertEquals("Two_NeedsInstance", choiceTarget(steps.get(0)));
        assertEquals("MigrationDone", choiceTarget(steps.get(2)));
        assertEquals(true, steps.get(4).get("isEnd"));
    }

    @SuppressWarnings("unchecked")
    private static Object choiceTarget(Map<String, Object> branch) {
        return ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) branch.get("inputs")).get("Choices"))
                .get(0)).get("NextStep");
    }
}
