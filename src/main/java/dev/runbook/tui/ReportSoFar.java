package dev.runbook.tui;

import dev.runbook.run.Run;
import dev.runbook.run.StepState;
import dev.runbook.run.StepStatus;
import java.util.ArrayList;
import java.util.List;

/** The {@code r} screen: the run so far, a line a step (the full report is written when the run ends). */
final class ReportSoFar {
    private ReportSoFar() {
    }

    static List<Line> lines(Run run) {
        List<Line> out = new ArrayList<>();
        out.add(Line.heading(run.runbook().title()));
        out.add(Line.of("run " + run.info().id() + " · " + run.environment().name() + " · "
                + run.environment().replicationGroupId() + " · " + run.backend().mode().label()));
        out.add(Line.of("journal: " + run.journal().file()));
        out.add(Line.of(""));
        for (StepState s : run.states()) {
            String what = s.outcome() != null ? s.outcome().summary() : s.reason() != null ? s.reason() : "";
            Line line = Line.of(s.status().mark() + " " + s.key() + " — " + s.status().word()
                    + (what.isEmpty() ? "" : ": " + what));
            out.add(s.status() == StepStatus.FAILED ? Line.warning(line.text()) : line);
        }
        return out;
    }
}
