package dev.runbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void planPrintsEverySectionAndStepWithItsPreview() {
        for (String env : new String[] {"dev", "prod"}) {
            CliResult r = CliResult.run("plan", "--env", env);
            assertEquals(0, r.code(), r.err());
            Runbook rb = new RunbookLoader(ActionRegistry.standard())
                    .load(Path.of("runbooks/valkey-migration.conf"), TestSettings.load().environment(env));
            for (int s = 0; s < rb.sections().size(); s++) {
                assertTrue(r.out().contains((s + 1) + ". " + rb.sections().get(s).title()), "section " + s);
            }
            for (Runbook.Entry e : rb.entries()) {
                assertTrue(r.out().contains(" " + e.step().id() + " — " + e.step().title()), e.key());
                assertTrue(r.out().contains("guide: " + e.step().guide()), e.key());
            }
            assertTrue(r.out().contains("group goorm-popcorn-cache-" + env));
        }
    }

    @Test
    void planShowsMutationsConfirmationsAndSkippedMethodSteps() {
        CliResult prod = CliResult.run("plan", "--env", "prod");
        assertTrue(prod.out().contains("MUTATES · confirm: type-id · action terraform.apply"), prod.out());
        assertTrue(prod.out().contains("skipped: applies only when migration-method = sdk (it is terraform)"));
        CliResult dev = CliResult.run("plan", "--env", "dev");
        assertTrue(dev.out().contains("MUTATES · confirm: yes · action terraform.apply"), dev.out());
    }

    @Test
    void unknownEnvironmentIsOneLineAndExitTwo() {
        CliResult r = CliResult.run("plan", "--env", "staging");
        assertEquals(2, r.code());
        assertEquals("error: unknown environment 'staging' (known: dev, prod)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingSettingsFileSaysWhereItLooked() {
        CliResult r = CliResult.run("plan", "--env", "dev", "--config", dir.resolve("none.conf").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: settings file not found: " + dir.resolve("none.conf")), r.err());
    }

    @Test
    void validateAcceptsTheGuidesRunbook() {
        CliResult r = CliResult.run("validate", "runbooks/valkey-migration.conf");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("runbooks/valkey-migration.conf: valid for dev, prod ("), r.out());
    }

    @Test
    void validateRejectsABadRunbookWithFileAndLine() throws IOException {
        Path bad = dir.resolve("bad.conf");
        String text = Files.readString(Path.of("runbooks/valkey-migration.conf"))
                .replace("action = elasticache.check-snapshots", "action = elasticache.check-snapshot");
        Files.writeString(bad, text);
        int line = 0;
        var lines = Files.readAllLines(bad);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("elasticache.check-snapshot\n") || lines.get(i).endsWith("elasticache.check-snapshot")) {
                line = i + 1;
            }
        }
        CliResult r = CliResult.run("validate", bad.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + bad + ":" + line + ": step.action: unknown action 'elasticache.check-snapshot'\n",
                r.err());
    }

    @Test
    void validateSaysSoWhenAPlainIncludeOfTheRunbookOrTheSettingsFindsNothing() throws IOException {
        Path runbook = dir.resolve("runbook.conf");
        Files.writeString(runbook, "include \"steps-extra.conf\"\n" + Files.readString(Path.of("runbooks/valkey-migration.conf")));
        Path settings = dir.resolve("application.conf");
        Files.writeString(settings, Files.readString(Path.of("application.conf")) + "\ninclude \"prod-overrides.conf\"\n");
        CliResult r = CliResult.run("validate", "--config", settings.toString(), runbook.toString());
        assertEquals(0, r.code(), r.err());
        int settingsLine = Files.readAllLines(settings).size();
        assertEquals("warning: " + settings + ":" + settingsLine + ": include \"prod-overrides.conf\" finds no file, so it"
                + " adds nothing (HOCON ignores a missing include; write include required(\"prod-overrides.conf\") to make"
                + " it an error)\n"
                + "warning: " + runbook + ":1: include \"steps-extra.conf\" finds no file, so it adds nothing (HOCON ignores"
                + " a missing include; write include required(\"steps-extra.conf\") to make it an error)\n", r.err());
    }

    @Test
    void aRequiredIncludeOfTheRunbookThatFindsNothingNamesTheFileAndLine() throws IOException {
        Path runbook = dir.resolve("runbook.conf");
        Files.writeString(runbook, Files.readString(Path.of("runbooks/valkey-migration.conf")) + "\ninclude required(\"gone.conf\")\n");
        CliResult r = CliResult.run("validate", runbook.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + runbook + ":" + Files.readAllLines(runbook).size() + ": include required(\"gone.conf\")"
                + " finds no file (looked for " + dir.resolve("gone.conf") + " and on the classpath)\n", r.err());
    }

    @Test
    void validateRejectsARequiresThatPointsForwardWithFileAndLine() throws IOException {
        Path bad = dir.resolve("forward.conf");
        String text = Files.readString(Path.of("runbooks/valkey-migration.conf"))
                .replace("requires = [withdraw-pending-upgrade]", "requires = [later-step]")
                .replace("id = backup-exists\n", "id = backup-exists\n          requires = [manual-snapshot]\n");
        Files.writeString(bad, text);
        int line = Files.readAllLines(bad).indexOf("          requires = [manual-snapshot]") + 1;
        CliResult r = CliResult.run("validate", bad.toString());
        assertEquals(2, r.code());
        assertEquals("error: " + bad + ":" + line + ": step.requires: 'manual-snapshot' comes after step"
                + " 'backup-exists': a step can require only steps before it (the run goes top to bottom)\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknownFlagIsAUsageErrorWithExitTwo() {
        CliResult r = CliResult.run("plan", "--env", "dev", "--colour");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Unknown option: '--colour'"), r.err());
    }

    @Test
    void versionAndHelp() {
        CliResult v = CliResult.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().matches("valkey-runbook 0\\.1\\.0 \\((commit [0-9a-f]{7,}(\\+dirty)?, \\S+|unknown commit: built outside a git checkout)\\)\\n"), v.out());
        CliResult h = CliResult.run("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("plan") && h.out().contains("validate"), h.out());
    }
}
