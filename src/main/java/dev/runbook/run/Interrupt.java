package dev.runbook.run;

/**
 * A request from outside the run to stop it: a signal (SIGINT, SIGTERM, SIGHUP) or Ctrl-C. {@code ask} says
 * whether a person at the screen should be asked first, as {@code q} does (Ctrl-C, SIGINT in the TUI), or the
 * run must leave at once (SIGTERM, a hang-up: nobody may be there to answer). {@code exitCode} is the
 * process's exit status when it leaves because of it (128 + the signal number, as shells report).
 */
public record Interrupt(String signal, boolean ask, int exitCode, String inFlight) {
    public Interrupt(String signal, boolean ask, int exitCode) {
        this(signal, ask, exitCode, null);
    }

    /** The same interrupt, noting the step that was running when it came. */
    public Interrupt during(String stepKey) {
        return new Interrupt(signal, ask, exitCode, stepKey);
    }

    /** "interrupted by SIGTERM" — how the run ended. */
    public String describe() {
        return "interrupted by " + signal;
    }

    /** "interrupted by SIGTERM while migrate/manual-snapshot was running" — what the journal says. */
    public String summary() {
        return describe() + (inFlight == null ? "" : " while " + inFlight + " was running");
    }
}
