package dev.runbook.run;

import dev.runbook.run.JournalEvent.Kind;
import dev.runbook.runbook.Runbook;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Asks the time budget before the engine change is sent: the check is journaled with its numbers (also when the window
 * holds it, so the report has them); when the window cannot hold the rest, the change is refused before anything is
 * asked, sent or journaled as started, unless the operator types the word (journaled with the numbers and who typed
 * it). Nobody can type it in a non-interactive run: refused there (the autopilot ends the run, exit 1). A dry run only
 * journals and shows what a live run would be told.
 */
final class BudgetGuard {
    private final Run run;
    private final TimeBudget budget;
    private final Set<String> overridden = new HashSet<>();
    private TimeBudget.Estimate estimate;

    BudgetGuard(Run run, TimeBudget budget) {
        this.run = run;
        this.budget = budget;
    }

    /** What the rest needs: settings and this environment's earlier runs, read once per run. */
    synchronized TimeBudget.Estimate estimate() {
        if (estimate == null) {
            BudgetHistory history = run.dir().getParent() == null ? BudgetHistory.none()
                    : BudgetHistory.of(run.dir().getParent(), run.dir(), run.environment().name(),
                    run.environment().replicationGroupId());
            estimate = budget.estimate(run.settings().estimates(), history);
        }
        return estimate;
    }

    /** Before {@code entry} is sent: returns when it may go on, throws {@link ChangeRefused} with the numbers if not. */
    void check(Runbook.Entry entry, Confirmer confirmer) throws InterruptedException {
        if (!TimeBudget.isEngineChange(entry) || overridden.contains(entry.key())) {
            return;
        }
        TimeBudget.Verdict v = budget.verdict(estimate(), run.backend().time().now(), run.startedAt());
        boolean refused = v.kind() == TimeBudget.Kind.TOO_SHORT;
        boolean dryRun = !run.backend().mode().canMutate();
        run.journal().append(event(entry).summary(v.line()).facts(v.facts()).is(Kind.BUDGET));
        run.log((refused ? "✗ " : "") + entry.key() + ": time budget: " + v.line());
        if (!refused) {
            return;
        }
        if (dryRun) {
            run.log(entry.key() + ": a live run would refuse the engine change now (" + v.numbers() + ")");
            return;
        }
        Confirmation c = confirmer.acceptBudget(new BudgetRequest(entry, v, BudgetRequest.WORD,
                run.environment().replicationGroupId(), run.backend().mode(), run.environment().name()));
        if (!c.given()) {
            throw new ChangeRefused("the maintenance window cannot hold the rest of the change: " + v.numbers()
                    + "; nothing sent. Wait for a longer window, or type " + BudgetRequest.WORD
                    + " in the dialog to go on anyway (interactive runs only)");
        }
        overridden.add(entry.key());
        Map<String, String> facts = new LinkedHashMap<>(v.facts());
        run.journal().append(event(entry).summary("went on despite the time budget (typed '" + BudgetRequest.WORD
                + "'): " + v.numbers()).facts(facts).operator(c.by() + " (" + c.how() + ")").is(Kind.BUDGET_ACCEPTED));
        run.log(entry.key() + ": time budget overridden by " + c.by() + ": " + v.numbers());
    }

    private JournalEvent.Builder event(Runbook.Entry entry) {
        return JournalEvent.at(run.backend().time().now().toString(), run.info().id()).step(entry.key()).mutates(true);
    }
}
