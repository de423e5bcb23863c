package dev.runbook.run;

/**
 * What a run tells the screen: a step changed state, a log line, the status line of the running step.
 * Called from the thread running the step; the TUI re-posts to its own thread.
 */
public interface RunListener {
    default void stepChanged(StepState state) {
    }

    default void log(String line) {
    }

    default void status(String line) {
    }

    RunListener NONE = new RunListener() {
    };
}
