package dev.runbook.report;

import dev.runbook.run.JournalReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report's "Since the dry run" section: which dry run the run was held to and how old it was, and every
 * difference found before a mutating step (field by field; for a live run, who typed the word to go on) — or
 * "none", or that there was no dry run to hold it to.
 */
final class SinceDryRunSection {
    private SinceDryRunSection() {
    }

    /** Null when the run never looked for a dry run (a rehearsal, or a run from before the drift guard). */
    static CompletionReport.SinceDryRun of(JournalReplay replay) {
        if (replay.baseline().isEmpty()) {
            return null;
        }
        JournalReplay.Baseline b = replay.baseline().get();
        List<String> drifts = new ArrayList<>();
        for (JournalReplay.Drift d : replay.drifts()) {
            StringBuilder line = new StringBuilder(d.step() + ": ");
            boolean first = true;
            for (Map.Entry<String, String> f : d.facts().entrySet()) {
                if (f.getKey().equals("dry-run")) {
                    continue;
                }
                line.append(first ? "" : "; ").append(f.getKey()).append(": ").append(f.getValue());
                first = false;
            }
            line.append(d.accepted() ? " — went on: " + d.by() + " typed the word"
                    : " — " + ("DRY-RUN".equals(replay.startFact("mode").orElse("")) ? "listed as a problem"
                    : "not sent"));
            drifts.add(line.toString());
        }
        return new CompletionReport.SinceDryRun(b.dryRun(), b.age(), b.summary(), drifts);
    }

    static void markdown(CompletionReport.SinceDryRun s, Consumer<String> line) {
        if (s.dryRun() == null) {
            line.accept("No dry run to compare with: " + s.summary());
            return;
        }
        line.accept("Held to dry run **" + s.dryRun() + "**, recorded " + s.age() + " before this run started.");
        line.accept("");
        if (s.drifts().isEmpty()) {
            line.accept("Drift: none — the state and every request matched the dry run.");
        } else {
            s.drifts().forEach(d -> line.accept("- " + d));
        }
    }
}
