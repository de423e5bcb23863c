package dev.runbook.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ssm.SsmDocumentCheck;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsmExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theExportedDocumentPassesTheSchemaAndEveryOfflineCheck(String env) {
        Map<String, Object> doc = SsmDocs.export(dir, env);
        assertEquals(List.of(), SsmDocumentCheck.check("ValkeyMigration-" + env, doc));
        assertEquals("[]", SsmDocs.schemaErrors(doc).toString());
        assertEquals("0.3", doc.get("schemaVersion"), "a string after the YAML round trip");
        assertEquals("{{ AutomationAssumeRole }}", doc.get("assumeRole"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRunbookStepIsInTheDocumentOrNamedInItsDescription(String env) {
        Map<String, Object> doc = SsmDocs.export(dir, env);
        String description = (String) doc.get("description");
        Runbook rb = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks/valkey-migration.conf"),
                TestSettings.load().environment(env).withMigrationMethod("sdk"));
        List<String> names = SsmDocs.steps(doc).stream().map(s -> (String) s.get("name")).toList();
        for (Runbook.Entry e : rb.entries()) {
            String prefix = pascal(e.step().id()) + "_";
            boolean inDocument = names.stream().anyMatch(n -> n.startsWith(prefix));
            boolean named = description.contains("- " + e.key() + " ");  // not exported, or does not apply
            boolean nothingToDo = e.step().id().equals("transit-encryption") && env.equals("dev");
            assertTrue(inDocument || named || description.contains("- " + e.key() + ":") || nothingToDo,
                    e.key() + " is neither in the document nor listed");
            if (inDocument) {
                names.stream().filter(n -> n.startsWith(prefix)).forEach(n -> assertTrue(
                        ((String) SsmDocs.step(doc, n).get("description")).startsWith(e.step().guide() + "\n\n"
                                + e.step().title()), n + " carries the guide's wording"));
            }
        }
        assertTrue(description.contains("- migrate/probe-start (Start measuring downtime and PING latency): the downtime probe"));
        // the export takes the sdk path, where the guide's Terraform rollback check does not apply (only-when)
        assertTrue(description.contains("- rollback/terraform-rollback-check: applies only when migration-method ="
                + " terraform (it is sdk)"), description);
    }

    @Test
    void theGuidesKoreanIsWrittenAsUtf8NotEscaped() {
        String yaml = SsmDocs.exportYaml(dir, "dev");
        assertTrue(yaml.contains("마이그레이션 직전 수동 스냅샷 생성\n"), "Hangul as is in the YAML");
        assertFalse(yaml.contains("\\u"), "no \\u escapes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void afterTheFirstChangeFailureAndCancelGoToTheRollbackAndTheEndsAreMarked(String env) {
        Map<String, Object> doc = SsmDocs.export(dir, env);
        List<Map<String, Object>> steps = SsmDocs.steps(doc);
        int firstChange = names(steps).indexOf("ManualSnapshot_Create");
        int done = names(steps).indexOf("MigrationDone");
        for (int i = 0; i < done; i++) {
            Map<String, Object> s = steps.get(i);
            if (i <= firstChange) {
                assertEquals(null, s.get("onFailure"), s.get("name") + " before the first change aborts");
            } else {
                assertEquals("step:RestoreSnapshot_Current", s.get("onFailure"), (String) s.get("name"));
                assertEquals("step:RestoreSnapshot_Current", s.get("onCancel"), (String) s.get("name"));
            }
        }
        assertEquals("aws:executeAwsApi", SsmDocs.step(doc, "RestoreSnapshot_Current").get("action"),
                "the cancel path starts at a step it may run (not aws:approve or aws:sleep)");
        assertEquals(true, steps.get(done).get("isEnd"));
        assertEquals(true, steps.get(steps.size() - 1).get("isEnd"));
        assertEquals("RollbackDone", steps.get(steps.size() - 1).get("name"));
        assertTrue(names(steps).indexOf("RestoreSnapshot_Approve") < names(steps).indexOf("RestoreSnapshot_Create"));
    }

    @Test
    void everyChangeHasAnApprovalAndProdsSaysTheTypedIdRisk() {
        Map<String, Object> prod = SsmDocs.export(dir, "prod");
        Map<String, Object> dev = SsmDocs.export(dir, "dev");
        for (String change : List.of("ManualSnapshot_Create", "UpgradeEngine_Modify", "TransitEncryption_Modify")) {
            String form = change.substring(0, change.indexOf('_'));
            List<String> names = names(SsmDocs.steps(prod));
            assertTrue(names.indexOf(form + "_Approve") >= 0 && names.indexOf(form + "_Approve") < names.indexOf(change),
                    change + " comes after its approval");
        }
        String upgrade = (String) SsmDocs.inputs(prod, "UpgradeEngine_Approve").get("Message");
        assertTrue(upgrade.startsWith("[PROD] Change the engine to Valkey 8.0 on {{ ReplicationGroupId }}: engine →"
                + " valkey 8.0, parameter group default.valkey8, queued for the maintenance window sun:04:00-sun:06:00"
                + " (UTC). RISK (the terminal runbook asks for the typed group id here)"), upgrade);
        assertTrue(((String) SsmDocs.inputs(dev, "UpgradeEngine_Approve").get("Message"))
                .endsWith("The terminal runbook asks for a yes here."));
        assertEquals("{{ Approvers }}", SsmDocs.inputs(prod, "UpgradeEngine_Approve").get("Approvers"));
        assertFalse(SsmDocs.inputs(prod, "UpgradeEngine_Approve").containsKey("NotificationArn"),
                "no topic given: the input is left out");
    }

    @Test
    void aNotificationTopicBecomesAParameterAndEveryApprovalsInput() {
        String arn = "arn:aws:sns:ap-northeast-2:123456789012:AutomationApprovals";
        Map<String, Object> doc = SsmDocs.export(dir, "prod", "--notification-arn", arn);
        @SuppressWarnings("unchecked")
        Map<String, Object> param = (Map<String, Object>) ((Map<String, Object>) doc.get("parameters"))
                .get("NotificationArn");
        assertEquals(arn, param.get("default"));
        SsmDocs.steps(doc).stream().filter(s -> "aws:approve".equals(s.get("action"))).forEach(s -> assertEquals(
                "{{ NotificationArn }}", SsmDocs.inputs(doc, (String) s.get("name")).get("NotificationArn")));
        assertEquals(List.of(), SsmDocumentCheck.check("ValkeyMigration-prod", doc));
    }

    @Test
    void waitsTakeTheirTimeoutsFromTheSettingsAndProdWaitsForItsWindow() {
        var waits = TestSettings.load().waits();
        Map<String, Object> prod = SsmDocs.export(dir, "prod");
        assertEquals((int) waits.snapshotTimeout().toSeconds(), SsmDocs.step(prod, "ManualSnapshot_Available")
                .get("timeoutSeconds"));
        assertEquals((int) waits.upgradeTimeout().toSeconds(), SsmDocs.step(prod, "AwaitUpgrade_Available")
                .get("timeoutSeconds"));
        assertEquals((int) waits.restoreTimeout().toSeconds(), SsmDocs.step(prod, "RestoreSnapshot_Available")
                .get("timeoutSeconds"));
        assertEquals((int) waits.upgradeTimeout().toSeconds(), SsmDocs.step(prod, "AwaitUpgrade_Started")
                .get("timeoutSeconds"), "queued for the window: it may start any time in it");
        assertEquals("{{ AwaitUpgrade_Window.Opens }}", SsmDocs.inputs(prod, "AwaitUpgrade_UntilWindow").get("Timestamp"));
        assertEquals(false, SsmDocs.inputs(prod, "UpgradeEngine_Modify").get("ApplyImmediately"));
        Map<String, Object> dev = SsmDocs.export(dir, "dev");
        assertEquals(300, SsmDocs.step(dev, "AwaitUpgrade_Started").get("timeoutSeconds"));
        assertFalse(SsmDocs.steps(dev).stream().anyMatch(s -> "AwaitUpgrade_UntilWindow".equals(s.get("name"))));
        assertEquals(true, SsmDocs.inputs(dev, "UpgradeEngine_Modify").get("ApplyImmediately"));
    }

    @Test
    void booleansInDesiredValuesStayTheStringsTrueAndFalse() {
        Map<String, Object> prod = SsmDocs.export(dir, "prod");
        assertEquals(List.of("True"), SsmDocs.inputs(prod, "InPlaceSettings_AtRest").get("DesiredValues"));
        assertEquals(List.of("True"), SsmDocs.inputs(prod, "TransitEncryption_On").get("DesiredValues"));
    }

    @Test
    void theAuthTokenIsNeverAParameterAndATlsRestoreReadsItFromASecureString() {
        String yaml = SsmDocs.exportYaml(dir, "prod");
        Map<String, Object> prod = SsmDocs.export(dir, "prod");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) prod.get("parameters");
        assertEquals(List.of("ReplicationGroupId", "AutomationAssumeRole", "Approvers", "DataPlaneInstanceId"),
                List.copyOf(params.keySet()));
        assertEquals("aws:executeScript", SsmDocs.step(prod, "RestoreSnapshot_Create").get("action"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) SsmDocs.inputs(prod, "RestoreSnapshot_Create")
                .get("InputPayload");
        assertEquals("/valkey-runbook/{{ ReplicationGroupId }}/auth-token", payload.get("TokenParameter"));
        assertFalse(yaml.contains("POPCORN_CACHE_AUTH_TOKEN"), "not even the variable's name");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) payload.get("Request");
        assertEquals("{{ ReplicationGroupId }}-rollback", request.get("ReplicationGroupId"));
        assertEquals("{{ ManualSnapshot_Name.SnapshotName }}", request.get("SnapshotName"));
        assertFalse(request.containsKey("AuthToken"));
        Map<String, Object> dev = SsmDocs.export(dir, "dev");
        assertEquals("aws:executeAwsApi", SsmDocs.step(dev, "RestoreSnapshot_Create").get("action"));
    }

    @Test
    void theRunbookValuesAreTheEnvironmentsAndTheGroupIsTheParameter() {
        Map<String, Object> prod = SsmDocs.export(dir, "prod");
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) ((Map<String, Object>) prod.get("parameters"))
                .get("ReplicationGroupId");
        assertEquals("goorm-popcorn-cache-prod", group.get("default"));
        Map<String, Object> modify = SsmDocs.inputs(prod, "UpgradeEngine_Modify");
        assertEquals("{{ ReplicationGroupId }}", modify.get("ReplicationGroupId"));
        assertEquals("valkey", modify.get("Engine"));
        assertEquals("8.0", modify.get("EngineVersion"));
        assertEquals("default.valkey8", modify.get("CacheParameterGroupName"));
        assertEquals(1, SsmDocs.inputs(prod, "AddReplicas_Increase").get("NewReplicaCount"));
        assertEquals("preferred", SsmDocs.inputs(prod, "TransitEncryption_Modify").get("TransitEncryptionMode"));
    }

    @Test
    void everyScriptIsPythonThatCompilesAndDefinesItsHandler() throws Exception {
        Map<List<Object>, String> scripts = new java.util.LinkedHashMap<>(); // (script, handler) -> a step using it
        for (String env : List.of("dev", "prod")) {
            Map<String, Object> doc = SsmDocs.export(dir, env);
            for (Map<String, Object> s : SsmDocs.steps(doc)) {
                if ("aws:executeScript".equals(s.get("action"))) {
                    Map<String, Object> in = SsmDocs.inputs(doc, (String) s.get("name"));
                    scripts.putIfAbsent(List.of(in.get("Script"), in.get("Handler")), env + " " + s.get("name"));
                }
            }
        }
        assertTrue(scripts.size() >= 8, "every handler is checked: " + scripts.values());
        // One python3 for all of them: parse each script, find its handler among the top-level functions.
        String check = "import ast,json,sys\nbad=[]\nfor name,src,handler in json.load(sys.stdin):\n"
                + "    tree=ast.parse(src)\n"
                + "    if not any(isinstance(n, ast.FunctionDef) and n.name==handler for n in tree.body): bad.append(name)\n"
                + "print(bad)\nsys.exit(1 if bad else 0)\n";
        List<List<Object>> input = new java.util.ArrayList<>();
        scripts.forEach((k, name) -> input.add(List.of(name, k.get(0), k.get(1))));
        Process p = new ProcessBuilder("python3", "-c", check).redirectErrorStream(true).start();
        p.getOutputStream().write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(input));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
    }

    private static List<String> names(List<Map<String, Object>> steps) {
        return steps.stream().map(s -> (String) s.get("name")).toList();
    }

    private static String pascal(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
