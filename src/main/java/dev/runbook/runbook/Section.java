package dev.runbook.runbook;

import java.util.List;

/**
 * A phase of the runbook (pre-check, migrate, monitor, verify, rollback). A {@code rollback} section runs
 * only when the operator goes to it after a failure; a normal run ends before it.
 */
public record Section(String id, String title, String guide, Kind kind, List<Step> steps) {
    /** Normal sections run in order; rollback sections only on demand. */
    public enum Kind { NORMAL, ROLLBACK }

    public Section {
        steps = List.copyOf(steps);
    }
}
