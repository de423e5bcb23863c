package dev.runbook.action;

/**
 * How a running action tells the operator what is happening: log lines (events, command output) and a
 * status line that replaces the previous one ("modifying — 4m12s elapsed"). Implementations must be
 * thread-safe; the TUI posts to its own thread.
 */
public interface Progress {
    void log(String line);

    void status(String line);

    Progress NONE = new Progress() {
        @Override
        public void log(String line) {
        }

        @Override
        public void status(String line) {
        }
    };
}
