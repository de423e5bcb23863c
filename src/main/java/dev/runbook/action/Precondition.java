package dev.runbook.action;

/**
 * Something an action needs this run to have produced before it may be sent, whatever the runbook's order
 * says: a fact recorded by a step that succeeded in this run (the engine change needs this run's verified
 * manual snapshot, {@code snapshot-name}). The run refuses the step until it holds; skipping the step that
 * would produce it does not satisfy it. The action declares it, so the knowledge lives with the action.
 *
 * @param fact the fact a succeeded step of this run must have recorded
 * @param what the operator's words for it ("a verified manual snapshot of this run")
 */
public record Precondition(String fact, String what) {
    public Precondition {
        if (fact == null || fact.isBlank() || what == null || what.isBlank()) {
            throw new IllegalArgumentException("a precondition needs a fact and the operator's words for it");
        }
    }

    /**
     * The manual snapshot taken and verified {@code available} in this run (the only way back from Valkey 8.0):
     * what an engine change needs first, and what a restore restores.
     */
    public static final Precondition MANUAL_SNAPSHOT = factOfThisRun("snapshot-name",
            "a verified manual snapshot of this run");

    /** Needs {@code fact} from a step that succeeded in this run. */
    public static Precondition factOfThisRun(String fact, String what) {
        return new Precondition(fact, what);
    }
}
