package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.cli.ResumeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ResumeCommandTest {
    private static final String ID = "20261129-043000-dev";
    private static final Confirmer YES = req -> new Confirmation(true, "tester", "auto: test");

    @TempDir
    Path runs;

    @Test
    void resumeWithoutAnIdContinuesTheNewestUnfinishedRunInItsOwnFolderAndReports() throws Exception {
        RunKit kit = new RunKit();
        Path dir = Files.createDirectories(runs.resolve(ID));
        Run first = kit.run(dir, ID);
        first.started();
        kit.crashIn = "terraform.apply";
        assertThrows(RunKit.Crash.class, () -> new Autopilot(first, YES).drive());
        first.journal().close();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ResumeCommand((id, folder, replay, settings, nonInteractive) ->
                new ResumeCommand.Opened(kit.run(folder, id), YES)));
        cli.setOut(new PrintWriter(out));

        int code = cli.execute("--runs-dir", runs.toString(), "--non-interactive");

        assertEquals(0, code);
        assertEquals(1, kit.executed("terraform.apply"));
        assertTrue(out.toString().contains("| result | completed |"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report.json")));
        assertTrue(JournalReplay.of(Journal.read(dir.resolve(Journal.FILE))).finished());
    }
}
