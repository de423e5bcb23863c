package dev.runbook.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.config.Thresholds;
import dev.runbook.run.StepState;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The text of the step pane, apart from drawing it: title, the guide's Korean wording, the note, what the
 * step will do (the preview with its exact requests and warnings), then its live progress and its outcome
 * (summary, facts, warnings, sparklines of CloudWatch series). Every line is wrapped to the pane's width in
 * terminal columns, so Korean (two columns a character) wraps where it should.
 */
public final class StepDetails {
    private StepDetails() {
    }

    /**
     * @param preview  null while it is being computed
     * @param progress the running step's last status line, or null
     * @param noReturn the step is the run's point of no return (the engine change)
     */
    public static List<Line> lines(Runbook.Entry entry, StepState state, Preview preview, String progress,
                                   Thresholds thresholds, Instant now, int width, boolean noReturn) {
        List<Line> out = new ArrayList<>();
        Step step = entry.step();
        int w = Math.max(10, width);
        add(out, w, Line.heading(step.title()));
        if (!step.guide().isBlank()) {
            add(out, w, Line.of("가이드: " + step.guide()));
        }
        if (!step.note().isBlank()) {
            add(out, w, Line.of("note: " + step.note()));
        }
        add(out, w, Line.of(entry.key() + " · " + (step.action().mutates() ? "CHANGES the group" : "read-only")
                + " · confirm " + step.confirm().word()));
        if (noReturn) {
            add(out, w, Line.warning(BudgetClock.MARK + " point of no return (복구 불가 지점): after this step the way back"
                    + " is a snapshot restore into a new group; the time budget is checked first"));
        }
        add(out, w, Line.of("status: " + state.status().word() + timing(state, now)
                + (state.reason() != null ? " — " + state.reason() : "")));
        out.add(Line.heading("── what it will do"));
        if (preview == null) {
            out.add(Line.of("(preparing the preview…)"));
        } else {
            add(out, w, Line.of(preview.summary()));
            for (String r : preview.requests()) {
                Wrap.chars(w, "request: " + r).forEach(l -> out.add(Line.of(l)));
            }
            for (String warning : preview.warnings()) {
                add(out, w, Line.warning("! " + warning));
            }
        }
        if (progress != null) {
            out.add(Line.heading("── now"));
            add(out, w, Line.of(progress));
        }
        Outcome o = state.outcome();
        if (o != null) {
            out.add(Line.heading("── outcome"));
            add(out, w, Line.of(o.status().word() + ": " + o.summary()));
            o.facts().forEach((k, v) -> add(out, w, Line.of("  " + k + ": " + v)));
            for (String warning : o.warnings()) {
                add(out, w, Line.warning("! " + warning));
            }
            if (!o.requestIds().isEmpty()) {
                add(out, w, Line.of("  request ids: " + String.join(", ", o.requestIds())));
            }
            if (!o.series().isEmpty()) {
                out.add(Line.heading("── metrics (per node)"));
                out.addAll(sparklines(o.series(), thresholds, w));
            }
        }
        return out;
    }

    /** Series keyed "node/Metric", grouped by node: a legend line, the bars, and a breach line when over. */
    static List<Line> sparklines(Map<String, List<Double>> series, Thresholds thresholds, int width) {
        List<Line> out = new ArrayList<>();
        String lastNode = null;
        for (Map.Entry<String, List<Double>> e : new TreeMap<>(series).entrySet()) {
            int slash = e.getKey().indexOf('/');
            String node = slash < 0 ? "" : e.getKey().substring(0, slash);
            String metric = e.getKey().substring(slash + 1);
            if (!node.equals(lastNode)) {
                out.add(Line.of(node.isEmpty() ? "(group)" : node));
                lastNode = node;
            }
            List<Double> values = e.getValue();
            int room = Math.max(1, width - 2);
            List<Double> shown = values.size() > room ? values.subList(values.size() - room, values.size()) : values;
            OptionalDouble limit = Sparkline.limitFor(metric, thresholds);
            String legend = Sparkline.legend(values, limit);
            boolean over = legend.endsWith("OVER");
            out.add(over ? Line.warning(TerminalTextUtils.fitString("! " + metric + " " + legend, width))
                    : Line.of(TerminalTextUtils.fitString("  " + metric + " " + legend, width)));
            out.add(Line.of("  " + Sparkline.bars(shown, limit)));
            String breaches = Sparkline.breaches(shown, limit);
            if (!breaches.isEmpty()) {
                out.add(Line.warning("  " + breaches));
            }
        }
        return out;
    }

    private static String timing(StepState s, Instant now) {
        if (s.started() == null) {
            return "";
        }
        Instant end = s.ended() != null ? s.ended() : now;
        return " (" + StatusLine.clock(Duration.between(s.started(), end)) + ")";
    }

    private static void add(List<Line> out, int width, Line line) {
        for (String part : Wrap.words(width, line.text())) {
            out.add(new Line(part, line.style()));
        }
    }
}
