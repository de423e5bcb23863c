package dev.runbook.run;

/**
 * A change was refused before it was sent (another run holds the lease on the group, the lease could not be
 * taken): the message is the operator's sentence, naming the holder. The step stays pending; read-only steps
 * may still run. The autopilot ends the run with it (exit 1); the TUI shows it in a dialog.
 */
public final class ChangeRefused extends RuntimeException {
    public ChangeRefused(String message) {
        super(message);
    }
}
