package dev.runbook.run;

/**
 * Asks the operator to confirm a step. The TUI shows a dialog; {@code --non-interactive} answers itself
 * (allowed only where nothing real can change); tests answer as they like.
 */
@FunctionalInterface
public interface Confirmer {
    Confirmation confirm(ConfirmRequest request) throws InterruptedException;

    /**
     * A live step differs from the dry run the run is held to: go on only when the operator types the word.
     * Nobody is there to type it by default, so the step is not sent.
     */
    default Confirmation acceptDrift(DriftRequest request) throws InterruptedException {
        return Confirmation.declined("nobody");
    }

    /**
     * The maintenance window cannot hold the rest of the change: go on only when the operator types the word. Nobody
     * is there to type it by default (non-interactive), so the engine change is refused.
     */
    default Confirmation acceptBudget(BudgetRequest request) throws InterruptedException {
        return Confirmation.declined("nobody");
    }
}
