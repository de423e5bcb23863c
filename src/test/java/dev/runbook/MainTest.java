package dev.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line builds only what it runs, and says which build it is. */
class MainTest {
    @Test
    void aCommandLineThatNamesACommandBuildsOnlyThatCommand() {
        assertEquals(Set.of("plan"), Main.commandLine(new String[] {"plan", "--env", "dev"}).getSubcommands().keySet());
    }

    @Test
    void theTopLevelHelpAndCompletionSeeEveryCommand() {
        List<String> all = List.of("rehearse", "run", "resume", "report", "plan", "validate", "analyze-plan",
                "check-endpoint", "unlock", "export-ssm", "help", "generate-completion");
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "plan"},
                new String[] {"generate-completion"}, new String[] {"nosuch"})) {
            assertEquals(all, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), String.join(" ", args));
        }
    }

    @Test
    void anUnfilledBuildPropertyReadsAsUnknownNotAsAPlaceholder() {
        assertEquals("valkey-runbook 0.1.0 (unknown commit: built outside a git checkout)",
                new BuildInfo("0.1.0", null, false, null).line());
        assertEquals("valkey-runbook 0.1.0 (commit 1a2b3c4+dirty, 2026-12-01T10:00:00Z)",
                new BuildInfo("0.1.0", "1a2b3c4", true, "2026-12-01T10:00:00Z").line());
    }

    @Test
    void theBuildRecordsItsVersionAndCommit() {
        BuildInfo info = BuildInfo.load();
        assertTrue(info.version().matches("\\d+\\.\\d+\\.\\d+.*"), info.toString());
        assertTrue(info.commit() != null && info.commit().matches("[0-9a-f]{7,}"), info.toString());
    }
}
