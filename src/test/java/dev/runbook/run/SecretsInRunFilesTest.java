package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Outcome;
import dev.runbook.config.Environment;
import dev.runbook.report.ReportWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsInRunFilesTest {
    private static final String TOKEN = "s3cr3t-Auth-Token-1234567890";

    @TempDir
    Path tmp;

    @Test
    void aConfiguredAuthTokenNeverReachesAnyFileUnderTheRunFolder() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        Path runDir = Files.createDirectories(tmp.resolve("runs").resolve("20261129-043000-dev"));
        RunKit kit = new RunKit();
        Environment dev = kit.environment;
        kit.environment = new Environment(dev.name(), dev.replicationGroupId(), dev.nodeType(), dev.source(),
                dev.target(), dev.currentNumCacheClusters(), dev.numCacheClusters(), dev.automaticFailover(),
                dev.multiAz(), dev.atRestEncryption(), dev.transitEncryption(), dev.applyImmediately(),
                dev.snapshotRetentionLimit(), dev.snapshotWindow(), dev.maintenanceWindow(), dev.terraformDir(),
                dev.migrationMethod(), dev.confirmRisky(), new Environment.DataPlane("", 6379, true, "",
                tokenFile.toString()), dev.production());
        kit.behaviour.put("dataplane.endpoint-check", ctx -> {
            ctx.progress().log("connecting with " + TOKEN);
            return Outcome.succeeded("PONG from a server reached with " + TOKEN).fact("token-used", TOKEN)
                    .warning("the token " + TOKEN + " is short").build();
        });
        Run run = kit.run(runDir, "20261129-043000-dev");
        run.started();
        new Autopilot(run, req -> new Confirmation(true, "tester " + TOKEN, "auto")).drive();
        run.ended("completed");
        StringWriter printed = new StringWriter();

        ReportWriter.finish(run, new PrintWriter(printed));

        List<Path> files;
        try (Stream<Path> s = Files.walk(runDir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(List.of("journal.jsonl", "report.html", "report.json", "report.md", "timeline.svg"),
                files.stream().map(p -> p.getFileName().toString()).sorted().toList());
        for (Path f : files) {
            assertFalse(Files.readString(f).contains(TOKEN), f + " holds the token");
        }
        assertTrue(Files.readString(runDir.resolve("journal.jsonl")).contains("PONG from a server reached with ****"));
        assertFalse(printed.toString().contains(TOKEN));
        assertTrue(kit.log.contains("connecting with ****"), kit.log.toString());
    }
}
