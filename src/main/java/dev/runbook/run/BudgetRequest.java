package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.runbook.Runbook;

/**
 * What the operator is asked when the maintenance window cannot hold the rest of the change: the engine change's
 * step, the budget's numbers, and the word that sends it anyway (journaled with the numbers).
 */
public record BudgetRequest(Runbook.Entry entry, TimeBudget.Verdict verdict, String word, String target, Mode mode,
                            String environment) {
    /** The word the operator types to send the engine change although the window is too short. */
    public static final String WORD = "overrun";

    /** True when {@code typed} is the word. */
    public boolean accepts(String typed) {
        return typed != null && typed.trim().equals(word);
    }
}
