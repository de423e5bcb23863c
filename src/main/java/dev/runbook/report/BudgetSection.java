package dev.runbook.report;

import dev.runbook.run.JournalReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's "Time budget" lines: each check of the maintenance window's time budget before the engine change —
 * its verdict, what the rest needed part by part and how much of the window was left — and, when the operator went on
 * despite it, who typed the word. Read from the journal's budget events, never from a step id.
 */
final class BudgetSection {
    private BudgetSection() {
    }

    /** One line per check; empty when the run never reached an engine change. */
    static List<String> of(JournalReplay replay) {
        List<String> lines = new ArrayList<>();
        for (JournalReplay.Budget b : replay.budgets()) {
            Map<String, String> f = b.facts();
            String verdict = f.getOrDefault("budget-verdict", "?");
            StringBuilder line = new StringBuilder(b.step() + ": **" + verdict + "** — needs "
                    + f.getOrDefault("budget-needs-min", "?") + " min");
            if (f.containsKey("budget-left-min")) {
                line.append(", ").append(f.get("budget-left-min")).append(" min left (the change starts ")
                        .append(f.get("budget-applies-at")).append(", window ").append(f.get("budget-window"))
                        .append(" closes ").append(f.get("budget-deadline")).append(")");
            } else {
                line.append(", not bounded by the maintenance window ").append(f.getOrDefault("budget-window", ""));
            }
            List<String> parts = new ArrayList<>();
            for (String part : List.of("upgrade", "verification", "monitoring", "rollback")) {
                if (f.containsKey("budget." + part)) {
                    parts.add(part + " " + f.get("budget." + part));
                }
            }
            if (!parts.isEmpty()) {
                line.append("; ").append(String.join(" + ", parts));
            }
            if (b.overriddenBy() != null) {
                line.append(" — OVERRIDDEN: ").append(b.overriddenBy()).append(" typed the word and the change was sent");
            } else if ("too-short".equals(verdict)) {
                line.append(" — refused, nothing sent");
            }
            lines.add(line.toString());
        }
        return List.copyOf(lines);
    }
}
