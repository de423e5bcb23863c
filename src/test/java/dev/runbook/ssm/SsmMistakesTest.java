package dev.runbook.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ssm.SsmDocumentCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake in a document fails the offline checks, naming the step; the exported one passes. */
class SsmMistakesTest {
    @TempDir
    static Path dir;
    static String devYaml;

    @BeforeAll
    static void export() {
        devYaml = SsmDocs.exportYaml(dir, "dev");
    }

    /** A fresh copy of the dev document with one change made. */
    private static Map<String, Object> devWith(Consumer<Map<String, Object>> change) throws IOException {
        Map<String, Object> doc = SsmYaml.read(devYaml);
        change.accept(doc);
        return doc;
    }

    private static List<String> problems(Map<String, Object> doc) {
        return SsmDocumentCheck.check("ValkeyMigration-dev", doc);
    }

    @Test
    void theUnchangedCopyPasses() throws IOException {
        assertEquals(List.of(), problems(devWith(d -> { })));
    }

    @Test
    void aFailureTargetThatDoesNotExist() throws IOException {
        var doc = devWith(d -> SsmDocs.step(d, "AwaitUpgrade_Available").put("onFailure", "step:RestoreSnapshot"));
        assertEquals(List.of("step AwaitUpgrade_Available: onFailure goes to step RestoreSnapshot, which does not exist"),
                problems(doc));
    }

    @Test
    void aCancelPathIntoAnApproval() throws IOException {
        var doc = devWith(d -> SsmDocs.step(d, "AwaitUpgrade_Available").put("onCancel", "step:RestoreSnapshot_Approve"));
        assertEquals(List.of("step AwaitUpgrade_Available: onCancel goes to RestoreSnapshot_Approve (aws:approve),"
                + " which the cancel path cannot run"), problems(doc));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBranchTargetThatDoesNotExist() throws IOException {
        var doc = devWith(d -> ((Map<String, Object>) ((List<Object>) SsmDocs.inputs(d, "UpgradeEngine_AlreadyTarget")
                .get("Choices")).get(0)).put("NextStep", "AwaitUpgrade"));
        assertEquals(List.of("step UpgradeEngine_AlreadyTarget: branch target AwaitUpgrade does not exist"),
                problems(doc));
    }

    @Test
    void aReferenceToAnOutputNoEarlierStepHas() throws IOException {
        var doc = devWith(d -> SsmDocs.inputs(d, "ManualSnapshot_Create").put("SnapshotName",
                "{{ ManualSnapshot_Name.Name }}"));
        assertEquals(List.of("step ManualSnapshot_Create: {{ ManualSnapshot_Name.Name }} is neither a parameter nor an"
                + " output of an earlier step"), problems(doc));
    }

    @Test
    void aReferenceToALaterStepsOutput() throws IOException {
        var doc = devWith(d -> SsmDocs.inputs(d, "BackupExists_Newest").put("InputPayload",
                Map.of("ReplicationGroupId", "{{ ManualSnapshot_Name.SnapshotName }}", "MaxAgeSeconds", 1)));
        assertEquals(List.of("step BackupExists_Newest: {{ ManualSnapshot_Name.SnapshotName }} is neither a parameter"
                + " nor an output of an earlier step"), problems(doc));
    }

    @Test
    void aMisspelledApiInputNamesTheRequestsMembers() throws IOException {
        var doc = devWith(d -> {
            Map<String, Object> in = SsmDocs.inputs(d, "UpgradeEngine_Modify");
            in.put("EngineVerison", in.remove("EngineVersion"));
        });
        List<String> p = problems(doc);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("step UpgradeEngine_Modify: EngineVerison is not a member of"
                + " ModifyReplicationGroupRequest (members: ReplicationGroupId, ReplicationGroupDescription,"), p.get(0));
        assertTrue(p.get(0).contains(" EngineVersion, "), p.get(0));
    }

    @Test
    void aMissingRequiredInput() throws IOException {
        var doc = devWith(d -> SsmDocs.inputs(d, "ManualSnapshot_Create").remove("SnapshotName"));
        assertEquals(List.of("step ManualSnapshot_Create: CreateSnapshot requires SnapshotName"), problems(doc));
    }

    @Test
    void anApiThatIsNotAnOperationOrAServiceNotInLowercase() throws IOException {
        var doc = devWith(d -> {
            SsmDocs.inputs(d, "DescribeGroup_Available").put("Api", "DescribeReplicationGroup");
            SsmDocs.inputs(d, "DescribeGroup_Engine").put("Service", "ElastiCache");
        });
        assertEquals(List.of("step DescribeGroup_Available: elasticache DescribeReplicationGroup is not an operation in"
                        + " the AWS SDK's model (Api is the PascalCase operation name)",
                "step DescribeGroup_Engine: Service ElastiCache must be the lowercase client name"), problems(doc));
    }

    @Test
    void aRuntimeThatCanNoLongerRunFailsTheChecksAndTheSchema() throws IOException {
        var doc = devWith(d -> SsmDocs.inputs(d, "BackupExists_Newest").put("Runtime", "python3.7"));
        assertEquals(List.of("step BackupExists_Newest: Runtime python3.7 cannot be created or run (use python3.11)"),
                problems(doc));
        assertFalse(SsmDocs.schemaErrors(doc).isEmpty(), "the corrected schema allows python3.11 only");
    }

    @Test
    void aReservedDocumentName() throws IOException {
        var doc = devWith(d -> { });
        for (String name : List.of("AWS-ValkeyMigration", "AWSSupport-Valkey", "amazonValkey", "AmznValkey")) {
            List<String> p = SsmDocumentCheck.check(name, doc);
            assertEquals(1, p.size(), name + ": " + p);
            assertTrue(p.get(0).startsWith("document name '" + name + "': names may not start with "), p.get(0));
        }
        assertEquals(List.of(), SsmDocumentCheck.check("ValkeyMigration-dev", doc));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDuplicateStepNameAndAMissingEnd() throws IOException {
        var doc = devWith(d -> {
            List<Map<String, Object>> steps = SsmDocs.steps(d);
            steps.get(1).put("name", steps.get(0).get("name"));
            steps.get(steps.size() - 1).remove("isEnd");
        });
        assertEquals(List.of("step DescribeGroup_Available: the name is used by more than one step",
                "step RollbackDone: the last step needs isEnd: true"), problems(doc));
    }

    @Test
    void aWaitWithoutItsTimeoutAndAnOverlongApprovalMessage() throws IOException {
        var doc = devWith(d -> {
            SsmDocs.step(d, "AwaitUpgrade_Available").remove("timeoutSeconds");
            SsmDocs.inputs(d, "UpgradeEngine_Approve").put("Message", "x".repeat(4097));
        });
        assertEquals(List.of("step UpgradeEngine_Approve: the approval Message is over 4096 characters",
                "step AwaitUpgrade_Available: a wait without timeoutSeconds gives up after the default 3600 s"),
                problems(doc));
    }

    @Test
    void theSchemaRejectsWhatItShouldAndTheShippedOneWouldHaveRejectedOnCancel() throws IOException {
        var doc = devWith(d -> SsmDocs.step(d, "AwaitUpgrade_Available").put("onCancel", "Continue"));
        assertFalse(SsmDocs.schemaErrors(doc).isEmpty(), "onCancel is Abort or step:NAME only");
        assertEquals(List.of("step AwaitUpgrade_Available: onCancel 'Continue' is not Abort or step:NAME"),
                problems(doc));
    }
}
