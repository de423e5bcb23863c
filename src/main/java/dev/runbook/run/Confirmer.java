package dev.runbook.run;

/**
 * Asks the operator to confirm a step. The TUI shows a dialog; {@code --non-interactive} answers itself
 * (allowed only where nothing real can change); tests answer as they like.
 */
@FunctionalInterface
public interface Confirmer {
    Confirmation confirm(ConfirmRequest request) throws InterruptedException;
}
