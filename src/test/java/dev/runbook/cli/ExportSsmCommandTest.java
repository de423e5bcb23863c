package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSsmCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheDocumentSaysHowToCreateItAndListsWhatIsNotExported() throws IOException {
        Path out = dir.resolve("prod.yaml");
        CliResult r = CliResult.run("export-ssm", "--env", "prod", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + ": "), r.out());
        assertTrue(r.out().contains("aws ssm create-document --name ValkeyMigration-prod --document-type Automation"
                + " --document-format YAML --content file://" + out), r.out());
        assertTrue(r.err().contains("not exported (terminal runbook only): migrate/probe-start (Start measuring"
                + " downtime and PING latency): "), r.err());
        assertTrue(r.err().contains("note: The settings migrate prod with Terraform"), r.err());
        assertTrue(r.err().contains("10 runbook step(s) not exported, listed in the description"), r.err());
        assertTrue(Files.readString(out, StandardCharsets.UTF_8).contains("schemaVersion: \"0.3\""));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left beside it");
        }
    }

    /**
     * The TLS runbook exports its change: the mode asserted preferred, an approval naming who is disconnected, the
     * Modify to required and its waits; the document is named after the runbook and carries no engine note.
     */
    @Test
    void theTlsRequiredRunbookExportsItsChangeUnderItsOwnName() throws IOException {
        Path out = dir.resolve("tls.yaml");
        CliResult r = CliResult.run("export-ssm", "--env", "prod", "--runbook", "runbooks/tls-required.conf",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("aws ssm create-document --name TlsRequired-prod "), r.out());
        assertFalse(r.err().contains("note: The settings migrate"), "no engine change, no engine note: " + r.err());
        assertFalse(r.err().contains("change/require-tls"), "the change is exported: " + r.err());
        assertFalse(r.err().contains("precheck/tls-preferred"), r.err());
        String yaml = Files.readString(out, StandardCharsets.UTF_8);
        int preferred = yaml.indexOf("- name: RequireTls_Preferred");
        int approve = yaml.indexOf("- name: RequireTls_Approve");
        int modify = yaml.indexOf("- name: RequireTls_Modify");
        int required = yaml.indexOf("- name: RequireTls_Required");
        assertTrue(preferred >= 0 && preferred < approve && approve < modify && modify < required, yaml);
        assertTrue(yaml.substring(modify, required).contains("TransitEncryptionMode: required"), yaml);
        assertTrue(yaml.substring(approve, modify).contains("disconnected"), "the approval says who is cut off");
        CliResult check = CliResult.run("export-ssm", "--check", out.toString());
        assertEquals(0, check.code(), check.err() + check.out());
    }

    @Test
    void withoutOutTheYamlGoesToStdoutAndTheSummaryToStderr() {
        CliResult r = CliResult.run("export-ssm", "--env", "dev");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("description: "), r.out().substring(0, 80));
        assertFalse(r.out().contains("not exported (terminal"), "the summary stays off the document");
    }

    @Test
    void anUnknownEnvironmentIsOneLineAndExitTwo() {
        CliResult r = CliResult.run("export-ssm", "--env", "staging", "--out", dir.resolve("x.yaml").toString());
        assertEquals(2, r.code());
        assertEquals("error: unknown environment 'staging' (known: dev, prod)\n", r.err());
        assertFalse(Files.exists(dir.resolve("x.yaml")));
    }

    @Test
    void anUnwritableOutIsOneLineAndExitTwoAndLeavesNothing() throws IOException {
        Path missing = dir.resolve("no-such-dir").resolve("dev.yaml");
        CliResult r = CliResult.run("export-ssm", "--env", "dev", "--out", missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --out " + missing + ": cannot write ("), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());

        Path readOnly = Files.createDirectory(dir.resolve("ro"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("r-xr-xr-x")));
        if (!Files.isWritable(readOnly)) { // root writes anyway: the missing folder above is the case then
            CliResult ro = CliResult.run("export-ssm", "--env", "dev", "--out", readOnly.resolve("dev.yaml").toString());
            assertEquals(2, ro.code());
            assertEquals(1, ro.err().lines().count(), ro.err());
        }
    }

    @Test
    void missingEnvAndABadTopicAreUsageErrors() {
        CliResult none = CliResult.run("export-ssm");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("Missing required option: '--env=ENV' (or --check FILE)"), none.err());
        CliResult topic = CliResult.run("export-ssm", "--env", "dev", "--notification-arn",
                "arn:aws:sns:ap-northeast-2:123456789012:Approvals");
        assertEquals(2, topic.code());
        assertEquals("error: --notification-arn: 'arn:aws:sns:ap-northeast-2:123456789012:Approvals' is not an SNS"
                + " topic ARN whose name starts with Automation (aws:approve sends only to such topics)\n", topic.err());
    }

    @Test
    void aReservedNameIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("dev.yaml");
        CliResult r = CliResult.run("export-ssm", "--env", "dev", "--name", "AWS-Valkey", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: the exported document fails its own check: document name 'AWS-Valkey':"
                + " names may not start with aws"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void checkPassesAnExportedDocumentAndNamesTheStepsOfABrokenOne() throws IOException {
        Path out = dir.resolve("ValkeyMigration-dev.yaml");
        assertEquals(0, CliResult.run("export-ssm", "--env", "dev", "--out", out.toString()).code());
        CliResult ok = CliResult.run("export-ssm", "--check", out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith(out + ": passes the offline checks ("), ok.out());

        Path broken = dir.resolve("Broken.yaml");
        Files.writeString(broken, Files.readString(out).replace("EngineVersion: \"8.0\"", "EngineVerison: \"8.0\""));
        CliResult bad = CliResult.run("export-ssm", "--check", broken.toString());
        assertEquals(2, bad.code());
        var lines = bad.err().lines().toList();
        assertEquals(2, lines.size(), bad.err()); // the engine-version check and the upgrade both misspelt
        assertTrue(lines.get(0).startsWith("error: " + broken + ": step TargetParameterGroup_Family: EngineVerison is"
                + " not a member of DescribeCacheEngineVersionsRequest (members: Engine, EngineVersion,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("error: " + broken + ": step UpgradeEngine_Modify: EngineVerison is not a"
                + " member of ModifyReplicationGroupRequest"), lines.get(1));

        Path garbage = dir.resolve("garbage.yaml");
        Files.writeString(garbage, "mainSteps: [ {");
        CliResult unreadable = CliResult.run("export-ssm", "--check", garbage.toString());
        assertEquals(2, unreadable.code());
        assertTrue(unreadable.err().startsWith("error: " + garbage + ": unreadable: "), unreadable.err());
        assertEquals(1, unreadable.err().lines().count(), unreadable.err());
    }
}
