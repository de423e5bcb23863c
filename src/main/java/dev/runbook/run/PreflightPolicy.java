package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.runbook.Section;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What makes a dry run the pre-flight: a failed step does not end it, and a step that failed because it needed a
 * fact that no earlier step recorded — an earlier step failed, or was only previewed — is "cannot check" (naming
 * the fact and those steps), not a problem of its own. The run asks it once per step; nothing else in the run
 * changes with the mode.
 */
final class PreflightPolicy {
    private final boolean dryRun;
    /** Facts the running step asked for and did not get (one step runs at a time). */
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    PreflightPolicy(Mode mode) {
        this.dryRun = mode == Mode.DRY_RUN;
    }

    /** True when a failed step should not end the run: a dry run lists every problem at once. */
    boolean goesOnAfterFailure() {
        return dryRun;
    }

    /** The run's fact lookup, noting which facts the running step asked for in vain. */
    Function<String, Optional<String>> tracking(Function<String, Optional<String>> facts) {
        return key -> {
            Optional<String> value = facts.apply(key);
            if (value.isEmpty()) {
                missing.add(key);
            }
            return value;
        };
    }

    /** Called just before a step executes. */
    void stepStarting() {
        missing.clear();
    }

    /**
     * The outcome to record: in a dry run, a failure of a step that asked for facts nobody recorded, after
     * steps that failed or were only previewed, becomes "cannot check"; any other outcome is kept as it is.
     */
    Outcome judge(Outcome outcome, List<StepState> states) {
        if (!dryRun || outcome.status() != Outcome.Status.FAILED || missing.isEmpty()) {
            return outcome;
        }
        List<String> failed = new ArrayList<>();
        List<String> previewed = new ArrayList<>();
        for (StepState s : states) {
            if (s.entry().section().kind() != Section.Kind.NORMAL) {
                continue;
            }
            if (s.status() == StepStatus.FAILED || s.status() == StepStatus.CANNOT_CHECK) {
                failed.add(s.key());
            } else if (s.status() == StepStatus.WOULD_RUN) {
                previewed.add(s.key());
            }
        }
        if (failed.isEmpty() && previewed.isEmpty()) {
            return outcome;
        }
        List<String> why = new ArrayList<>();
        if (!failed.isEmpty()) {
            why.add("failed: " + String.join(", ", failed));
        }
        if (!previewed.isEmpty()) {
            why.add("only previewed: " + String.join(", ", previewed));
        }
        Outcome.Builder b = Outcome.cannotCheck("cannot check: needs " + String.join(", ", new LinkedHashSet<>(missing))
                + ", which no earlier step of this dry run recorded (" + String.join("; ", why) + ") — "
                + outcome.summary());
        outcome.facts().forEach(b::fact);
        b.requestIds(outcome.requestIds());
        outcome.warnings().forEach(b::warning);
        return b.build();
    }
}
