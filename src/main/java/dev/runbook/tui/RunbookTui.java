package dev.runbook.tui;

import dev.runbook.run.Run;

/**
 * The interactive face of a run (Lanterna). Entry point the run commands call when not
 * {@code --non-interactive}. (Placeholder until the TUI lands.)
 */
public final class RunbookTui {
    private RunbookTui() {
    }

    /** Shows the run, lets the operator drive it to the end or quit; returns the process exit code. */
    public static int run(Run run) {
        throw new UnsupportedOperationException("the TUI is not built yet: use --non-interactive");
    }
}
