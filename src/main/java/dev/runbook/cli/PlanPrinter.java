package dev.runbook.cli;

import dev.runbook.action.PreviewContext;
import dev.runbook.action.Preview;
import dev.runbook.config.Environment;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import dev.runbook.runbook.Step;
import java.io.PrintWriter;

/** Prints the numbered plan: section, step, the guide's wording, mutates or not, confirmation, preview. */
public final class PlanPrinter {
    private final PrintWriter out;

    public PlanPrinter(PrintWriter out) {
        this.out = out;
    }

    public void print(Runbook runbook, Environment env, PreviewContext ctx) {
        out.printf("%s%n", runbook.title());
        out.printf("environment %s · group %s · %s %s → %s %s · method %s · apply-immediately %s%n",
                env.name(), env.replicationGroupId(), env.source().engine(), env.source().version(),
                env.target().engine(), env.target().version(), env.migrationMethod(), env.applyImmediately());
        out.printf("runbook %s%n", runbook.file());
        var subs = env.asSubstitutions();
        int si = 0;
        for (Section section : runbook.sections()) {
            si++;
            out.println();
            out.printf("%d. %s  (%s)%s%n", si, section.title(), section.guide(),
                    section.kind() == Section.Kind.ROLLBACK ? "  [only on demand, after a failure]" : "");
            int ti = 0;
            for (Step step : section.steps()) {
                ti++;
                out.printf("  %d.%d %s — %s%n", si, ti, step.id(), step.title());
                if (!step.guide().isEmpty()) {
                    out.printf("      guide: %s%n", step.guide());
                }
                if (!step.note().isEmpty()) {
                    out.printf("      note: %s%n", step.note());
                }
                String skip = step.notApplicableBecause(subs);
                if (skip != null) {
                    out.printf("      skipped: %s%n", skip);
                    continue;
                }
                out.printf("      %s · confirm: %s · action %s%n",
                        step.action().mutates() ? "MUTATES" : "read-only", step.confirm().word(), step.actionName());
                Preview p = step.action().preview(ctx);
                out.printf("      will: %s%n", p.summary());
                for (String request : p.requests()) {
                    out.printf("      request: %s%n", request);
                }
                for (String warning : p.warnings()) {
                    out.printf("      WARNING: %s%n", warning);
                }
            }
        }
        out.flush();
    }
}
