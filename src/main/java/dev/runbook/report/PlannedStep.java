package dev.runbook.report;

import dev.runbook.config.Environment;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.List;
import java.util.Map;

/**
 * A step of the run's runbook as the report lists it: every step once, in runbook order, whether or not the
 * journal has a line for it ({@code notApplicable} = why it does not apply to the environment, else null), and what it measures for the
 * report ({@code reportKind}, see {@link dev.runbook.action.Action#reportKind()}).
 */
public record PlannedStep(String key, boolean mutates, boolean rollback, String notApplicable, String reportKind) {

    /** The steps of {@code runbook} for {@code env}, in order. */
    public static List<PlannedStep> of(Runbook runbook, Environment env) {
        Map<String, Object> subs = env.asSubstitutions();
        return runbook.entries().stream().map(e -> new PlannedStep(e.key(), e.step().action().mutates(),
                e.section().kind() == Section.Kind.ROLLBACK, e.step().notApplicableBecause(subs),
                e.step().action().reportKind().orElse(null))).toList();
    }
}
