package dev.runbook.run;

import dev.runbook.action.Precondition;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's order rule, whatever step the operator selects: a step that changes something in a normal section
 * runs only when every earlier step of the normal sections has ended (done, skipped with a reason, or not
 * applicable here); read-only steps run any time; the rollback section is reachable any time. On top of that
 * a step waits for the earlier steps its runbook entry {@code requires}, and for what its action declares as
 * {@link Precondition}s (the engine change needs this run's verified manual snapshot), which skipping cannot
 * satisfy. A dry run's would-run steps count as ended (they would have run live), so the gate can say what a
 * live run would have refused.
 */
public final class OrderGate {
    /**
     * Why a step may not run yet.
     *
     * @param step       the refused step's key
     * @param waitingFor earlier steps that have not ended, each as {@code key} or {@code key (failed)}
     * @param needs      preconditions not met, in the operator's words with the step that provides each
     */
    public record Refusal(String step, List<String> waitingFor, List<String> needs) {
        public Refusal {
            waitingFor = List.copyOf(waitingFor);
            needs = List.copyOf(needs);
        }

        /** What is missing: "waiting for: a, b (failed); needs ...". */
        public String reason() {
            List<String> parts = new ArrayList<>();
            if (!waitingFor.isEmpty()) {
                parts.add("waiting for: " + String.join(", ", waitingFor));
            }
            if (!needs.isEmpty()) {
                parts.add("needs " + String.join("; ", needs));
            }
            return String.join("; ", parts);
        }

        /** One line for the log and the screen: what was refused, why, and what to do. */
        public String line() {
            return step + " refused, nothing sent: " + reason() + ". Run "
                    + (waitingFor.size() + needs.size() > 1 ? "those" : "that") + " first"
                    + (waitingFor.isEmpty() ? "" : ", or skip a step with a reason (select it, s)") + ".";
        }
    }

    private final List<Runbook.Entry> entries;
    private final Map<String, StepState> states;

    /** @param states every step's current state by key (a copy: the gate reads a consistent picture) */
    OrderGate(List<Runbook.Entry> entries, Map<String, StepState> states) {
        this.entries = List.copyOf(entries);
        this.states = Map.copyOf(states);
    }

    /** Why {@code entry} may not run now, or empty when it may. */
    public Optional<Refusal> check(Runbook.Entry entry) {
        Set<Runbook.Entry> waiting = new LinkedHashSet<>();
        if (entry.step().action().mutates() && entry.section().kind() == Section.Kind.NORMAL) {
            for (Runbook.Entry e : entries.subList(0, Math.max(0, entries.indexOf(entry)))) {
                if (e.section().kind() == Section.Kind.NORMAL && !ended(status(e))) {
                    waiting.add(e);
                }
            }
        }
        for (String id : entry.step().requires()) {
            entries.stream().filter(e -> e.step().id().equals(id) && !ended(status(e))).forEach(waiting::add);
        }
        List<String> needs = new ArrayList<>();
        for (Precondition p : entry.step().action().preconditions()) {
            if (!met(p)) {
                needs.add(p.what() + " (" + providers(p) + ")");
            }
        }
        return waiting.isEmpty() && needs.isEmpty() ? Optional.empty()
                : Optional.of(new Refusal(entry.key(), waiting.stream().map(this::label).toList(), needs));
    }

    private String label(Runbook.Entry e) {
        StepStatus s = status(e);
        return s == StepStatus.PENDING ? e.key() : e.key() + " (" + s.word() + ")";
    }

    private StepStatus status(Runbook.Entry e) {
        StepState s = states.get(e.key());
        return s == null ? StepStatus.PENDING : s.status();
    }

    /** Ended for the order rule: done, skipped with a reason, not applicable, or (dry run) would have run. */
    static boolean ended(StepStatus s) {
        return s == StepStatus.DONE || s == StepStatus.SKIPPED || s == StepStatus.NOT_APPLICABLE
                || s == StepStatus.WOULD_RUN;
    }

    /** A step that succeeded in this run recorded the fact (or, in a dry run, one that would have recorded it). */
    private boolean met(Precondition p) {
        for (StepState s : states.values()) {
            if (s.status() == StepStatus.DONE && s.outcome() != null && s.outcome().facts().containsKey(p.fact())) {
                return true;
            }
            if (s.status() == StepStatus.WOULD_RUN && s.entry().step().action().records().contains(p.fact())) {
                return true;
            }
        }
        return false;
    }

    /** Which steps of this runbook provide the fact, and where they are: what the operator must do. */
    private String providers(Precondition p) {
        List<String> from = new ArrayList<>();
        for (Runbook.Entry e : entries) {
            if (e.step().action().records().contains(p.fact()) && status(e) != StepStatus.NOT_APPLICABLE) {
                StepStatus s = status(e);
                from.add(e.key() + (s == StepStatus.PENDING ? "" : " (" + s.word() + ")"));
            }
        }
        return from.isEmpty() ? "no step of this runbook provides it"
                : "from " + String.join(" or ", from) + ", which must succeed in this run; skipping it does not count";
    }
}
