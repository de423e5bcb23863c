package dev.runbook.report;

import dev.runbook.run.Run;
import dev.runbook.run.RunFiles;
import dev.runbook.run.StepState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the completion report of a run into its folder and prints it. (Minimal for now: one line a step;
 * the full report — engine before/after, downtime, costs, rollback instructions — replaces it.)
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** Writes {@code report.md} in the run's folder, prints it to {@code out}, and returns its path. */
    public static Path finish(Run run, PrintWriter out) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(run.runbook().title()).append("\n\n");
        md.append("run ").append(run.info().id()).append(" · ").append(run.environment().name()).append(" · ")
                .append(run.environment().replicationGroupId()).append(" · ").append(run.backend().mode().label())
                .append("\n\n| step | status | summary |\n|---|---|---|\n");
        for (StepState s : run.states()) {
            md.append("| ").append(s.key()).append(" | ").append(s.status().word()).append(" | ")
                    .append(s.outcome() == null ? (s.reason() == null ? "" : s.reason()) : s.outcome().summary())
                    .append(" |\n");
        }
        Path file = run.dir().resolve("report.md");
        try {
            RunFiles.write(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        out.print(md);
        out.println();
        out.println("report: " + file);
        out.flush();
        return file;
    }
}
