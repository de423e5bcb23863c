package dev.runbook.cli;

import dev.runbook.run.RunListener;
import dev.runbook.run.StepState;
import dev.runbook.run.StepStatus;
import java.io.PrintWriter;

/**
 * What a non-interactive run prints as it goes: one line when a step starts, one when it ends (mark, status,
 * summary), and the step's log lines indented. Status lines (which replace each other) are not printed.
 */
final class ConsoleListener implements RunListener {
    private final PrintWriter out;

    ConsoleListener(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void stepChanged(StepState s) {
        if (s.status() == StepStatus.RUNNING) {
            out.printf("%s %s — %s%n", s.status().mark(), s.key(), s.entry().step().title());
        } else {
            String summary = s.outcome() != null ? s.outcome().summary() : s.reason() == null ? "" : s.reason();
            out.printf("  %s %s: %s%n", s.status().mark(), s.status().word(), summary);
        }
        out.flush();
    }

    @Override
    public synchronized void log(String line) {
        out.printf("    %s%n", line);
        out.flush();
    }
}
