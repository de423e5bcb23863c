package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.action.Preview;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;

/**
 * What the operator is asked before a step runs: the step, exactly what will change ({@code preview}) and
 * on which group ({@code target}); for {@link Confirm#TYPE_ID} the answer must be {@code target} typed out.
 */
public record ConfirmRequest(Runbook.Entry entry, Preview preview, Confirm kind, String target, Mode mode,
                             String environment) {

    /** True when {@code typed} is an acceptable answer to a type-id confirmation. */
    public boolean accepts(String typed) {
        return typed != null && typed.trim().equals(target);
    }
}
