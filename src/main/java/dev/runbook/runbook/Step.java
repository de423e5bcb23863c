package dev.runbook.runbook;

import dev.runbook.action.Action;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a runbook: what the operator reads (title, the guide's Korean wording, a note where the runbook
 * knows better than the guide), the action that backs it, the confirmation it needs, and the condition on
 * the environment under which it applies.
 *
 * @param onlyWhen environment keys and the values they must have for the step to apply (empty = always)
 * @param requires ids of earlier steps that must have ended (done, skipped with a reason, or not applicable)
 *                 before this one may run, on top of the run's order rule
 * @param where    file:line of the step in the runbook, for messages
 */
public record Step(String id, String title, String guide, String note, String actionName, Action action,
                   Confirm confirm, Map<String, String> onlyWhen, List<String> requires, String where) {
    public Step {
        onlyWhen = Collections.unmodifiableMap(new LinkedHashMap<>(onlyWhen));
        requires = List.copyOf(requires);
    }

    /** The reason this step does not apply to {@code substitutions}, or null when it applies. */
    public String notApplicableBecause(Map<String, Object> substitutions) {
        for (Map.Entry<String, String> e : onlyWhen.entrySet()) {
            Object actual = substitutions.get(e.getKey());
            if (actual == null || !String.valueOf(actual).equals(e.getValue())) {
                return "applies only when " + e.getKey() + " = " + e.getValue() + " (it is " + actual + ")";
            }
        }
        return null;
    }
}
