package dev.runbook.tui;

import java.util.List;

/** The {@code ?} screen: every key, as the README's table lists them. */
final class HelpText {
    private HelpText() {
    }

    static List<Line> lines() {
        return List.of(
                Line.heading("Moving"),
                Line.of("↑ ↓  or  k j     select a step"),
                Line.of("PgUp PgDn        scroll the step pane"),
                Line.of("Enter            run the selected step (then the next one is selected); a change"),
                Line.of("                 runs only after every earlier step ended, else the log says why"),
                Line.of("s                skip the selected step (asks for a reason, recorded)"),
                Line.heading("Confirming a step"),
                Line.of("y / n            go ahead / not now"),
                Line.of("<group id> Enter where the step asks for the replication group id typed out"),
                Line.of("Esc              not now"),
                Line.heading("After a failure"),
                Line.of("t                retry the failed step"),
                Line.of("s                skip it (asks for a reason, recorded in the report)"),
                Line.of("b                go to the rollback section (any time; journaled)"),
                Line.of("a                abort the run (asks for a reason)"),
                Line.heading("Any time"),
                Line.of("l                focus the log (↑↓ PgUp PgDn scroll, Esc back)"),
                Line.of("r                the report so far"),
                Line.of("?                this help"),
                Line.of("q                quit (asks first; says what a step in flight would leave)"),
                Line.heading("Marks"),
                Line.of("' ' pending  > running  ✓ done  ✗ failed  - skipped  ~ would run (dry-run)  · n/a"));
    }
}
