package dev.runbook.action;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a mutating action finds, after a crash, of the change its step started: it took effect (done), it was not
 * sent and may run (pending), or an operator must look (unknown) — in one operator sentence, with the facts later
 * steps need (a snapshot name). {@link Action#reconcile} makes it; {@code resume} journals it.
 */
public record Reconciliation(Resolution resolution, String summary, Map<String, String> facts) {
    /** What resume decides for the step. */
    public enum Resolution {
        DONE, PENDING, UNKNOWN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A step whose process died after it started: when it started, and the facts it had journaled. */
    public record Interrupted(Optional<Instant> started, Map<String, String> facts) {
        public Interrupted {
            facts = OrderedMaps.copy(facts);
        }
    }

    public Reconciliation {
        facts = OrderedMaps.copy(facts);
    }

    public static Reconciliation done(String summary, Map<String, String> facts) {
        return new Reconciliation(Resolution.DONE, summary, facts);
    }

    public static Reconciliation pending(String summary, Map<String, String> facts) {
        return new Reconciliation(Resolution.PENDING, summary, facts);
    }

    public static Reconciliation unknown(String summary, Map<String, String> facts) {
        return new Reconciliation(Resolution.UNKNOWN, summary, facts);
    }
}
