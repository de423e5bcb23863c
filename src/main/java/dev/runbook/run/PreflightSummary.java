package dev.runbook.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The one summary a dry run ends with, built from its journal alone: every problem (a failed step, a difference
 * from an earlier dry run), every step it could not check and why, and every change it would send — each by
 * step. The console, the TUI and the report all show this same summary; a dry run exits 0 only when it has no
 * problem.
 */
public record PreflightSummary(List<Item> problems, List<Item> cannotCheck, List<Item> changes) {
    /** One line of the summary: the step and what about it. */
    public record Item(String step, String text) {
    }

    public PreflightSummary {
        problems = List.copyOf(problems);
        cannotCheck = List.copyOf(cannotCheck);
        changes = List.copyOf(changes);
    }

    public static PreflightSummary of(JournalReplay replay) {
        List<Item> problems = new ArrayList<>();
        List<Item> cannot = new ArrayList<>();
        List<Item> changes = new ArrayList<>();
        for (JournalReplay.StepRecord s : replay.steps()) {
            switch (s.status()) {
                case FAILED -> problems.add(new Item(s.key(), "failed: " + s.summary()));
                case RUNNING -> problems.add(new Item(s.key(), "interrupted before it ended"));
                case CANNOT_CHECK -> cannot.add(new Item(s.key(), s.summary()));
                case WOULD_RUN -> {
                    if (s.mutates() && !"0".equals(s.facts().get(Run.WOULD_SEND))) {
                        changes.add(new Item(s.key(), s.summary()));
                    }
                }
                default -> {
                }
            }
        }
        for (JournalReplay.Drift d : replay.drifts()) {
            List<String> fields = new ArrayList<>();
            d.facts().forEach((k, v) -> {
                if (!k.equals("dry-run")) {
                    fields.add(k + ": " + v);
                }
            });
            problems.add(new Item(d.step(), "drift: " + d.summary() + ": " + String.join("; ", fields)));
        }
        for (JournalReplay.Budget b : replay.budgets()) {
            if ("too-short".equals(b.facts().get("budget-verdict")) && b.overriddenBy() == null) {
                problems.add(new Item(b.step(), "time budget: a live run would refuse the engine change: "
                        + b.summary()));
            }
        }
        return new PreflightSummary(problems, cannot, changes);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** "2 problems, 5 changes would be sent, 1 step cannot be checked". */
    public String headline() {
        return count(problems.size(), "problem", "problems") + ", "
                + count(changes.size(), "change would be sent", "changes would be sent")
                + (cannotCheck.isEmpty() ? "" : ", " + count(cannotCheck.size(), "step cannot be checked",
                "steps cannot be checked"));
    }

    /** The summary as plain lines, for the console and the TUI. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Pre-flight: " + headline());
        section(out, "problems:", "✗", problems);
        section(out, "cannot check:", "?", cannotCheck);
        section(out, "changes that would be sent:", "~", changes);
        return out;
    }

    private static void section(List<String> out, String title, String mark, List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        out.add(title);
        items.forEach(i -> out.add("  " + mark + " " + i.step() + ": " + i.text()));
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
