package dev.runbook.report;

import dev.runbook.run.JournalReplay;
import dev.runbook.run.PreflightSummary;
import java.util.List;
import java.util.function.Consumer;

/**
 * The report's "Pre-flight" section of a dry run: the same summary the console and the TUI show — N problems,
 * M changes that would be sent, each by step — built from the journal.
 */
final class PreflightSection {
    private PreflightSection() {
    }

    /** The section for a dry run; null for any other run. */
    static CompletionReport.Preflight of(JournalReplay replay) {
        if (!"DRY-RUN".equals(replay.startFact("mode").orElse(""))) {
            return null;
        }
        PreflightSummary s = PreflightSummary.of(replay);
        return new CompletionReport.Preflight(s.headline(), s.problems(), s.cannotCheck(), s.changes());
    }

    static void markdown(CompletionReport.Preflight p, Consumer<String> line) {
        line.accept("**" + p.headline() + "**");
        items(line, "Problems", p.problems());
        items(line, "Cannot check", p.cannotCheck());
        items(line, "Changes that would be sent", p.changes());
    }

    private static void items(Consumer<String> line, String title, List<PreflightSummary.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        line.accept("");
        line.accept(title + ":");
        line.accept("");
        items.forEach(i -> line.accept("- `" + i.step() + "`: " + i.text()));
    }
}
