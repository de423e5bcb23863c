package dev.runbook.run;

import dev.runbook.runbook.Runbook;
import java.util.Map;

/**
 * Finds out, after a crash, whether a mutating step that started but never ended took effect, before
 * anything is repeated. {@code resume} asks it once per interrupted mutating step.
 */
@FunctionalInterface
public interface Reconciler {
    /** What resume decides for the step: it took effect, it may run again, or an operator must look. */
    enum Resolution {
        DONE, PENDING, UNKNOWN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What was found, in one operator sentence, with the facts later steps need (a snapshot name). */
    record Finding(Resolution resolution, String summary, Map<String, String> facts) {
        public Finding {
            facts = dev.runbook.action.OrderedMaps.copy(facts);
        }
    }

    Finding reconcile(Runbook.Entry entry, JournalReplay.StepRecord interrupted, Run run)
            throws InterruptedException;
}
