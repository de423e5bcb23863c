package dev.runbook.tui;

import dev.runbook.run.OrderGate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the screen shows instead of a confirmation when the order rule refuses a step: nothing was sent, each
 * step it waits for on its own line (the log's one line does not fit a 4-row log at 80x24), what it needs, and
 * the only way past: run them, or skip a step with a reason.
 */
final class RefusalText {
    private RefusalText() {
    }

    static List<Line> lines(OrderGate.Refusal r) {
        List<Line> out = new ArrayList<>();
        out.add(Line.warning(r.step() + " refused: nothing was sent, nothing journaled."));
        if (!r.waitingFor().isEmpty()) {
            out.add(Line.of(""));
            out.add(Line.heading("Waiting for (a change runs after every step before it)"));
            r.waitingFor().forEach(w -> out.add(Line.of("  " + w)));
        }
        if (!r.needs().isEmpty()) {
            out.add(Line.of(""));
            out.add(Line.heading("Needs"));
            r.needs().forEach(n -> out.add(Line.of("  " + n)));
        }
        out.add(Line.of(""));
        out.add(Line.of("Run those steps first" + (r.waitingFor().isEmpty() ? "."
                : ", or select one and press s to skip it with a reason (journaled).")));
        return out;
    }
}
