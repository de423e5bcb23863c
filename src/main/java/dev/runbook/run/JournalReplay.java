package dev.runbook.run;

import dev.runbook.action.OrderedMaps;
import dev.runbook.action.Outcome;
import dev.runbook.action.Reconciliation;
import dev.runbook.runbook.Runbook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a journal says about a run, read back from its events alone: the facts of its start, each step's last
 * attempt (confirmation, start, end, outcome, reconciliation), and how the run ended. Both {@code resume} and
 * the completion report are built on it, so they can never disagree about what happened.
 */
public final class JournalReplay {
    /** The fact a {@code reconciled} event carries to say what resume decided. */
    public static final String RESOLUTION = "resolution";

    /** One step's last attempt as journaled; {@code ended == null} with {@code started != null} = in flight. */
    public record StepRecord(String key, boolean mutates, String started, String ended, String endEvent,
                             String summary, Map<String, String> facts, List<String> requestIds,
                             List<String> warnings, Map<String, List<Double>> series, String confirmation,
                             String confirmedBy, int attempts, List<String> reconciliations) {

        /** The step's state as the journal leaves it. A step still in flight reads RUNNING (interrupted). */
        public StepStatus status() {
            if (endEvent == null) {
                return started == null ? StepStatus.PENDING : StepStatus.RUNNING;
            }
            return switch (JournalEvent.Kind.of(endEvent)) {
                case SUCCEEDED, RECONCILED -> StepStatus.DONE;
                case SKIPPED -> StepStatus.SKIPPED;
                case WOULD_RUN -> StepStatus.WOULD_RUN;
                case CANNOT_CHECK -> StepStatus.CANNOT_CHECK;
                default -> StepStatus.FAILED;
            };
        }

        /** The step as an action reconciles or re-seeds from it: when it started, the facts it journaled. */
        public Reconciliation.Interrupted asInterrupted() {
            return new Reconciliation.Interrupted(Optional.ofNullable(started).map(Instant::parse), facts);
        }

        /** It started and did not fail or get skipped: a mutation taken as sent when its process died. */
        public boolean sent() {
            return started != null && (status() == StepStatus.DONE || status() == StepStatus.RUNNING);
        }

        /** Time the attempt took, when it both started and ended. */
        public Optional<Duration> took() {
            if (started == null || ended == null) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(Instant.parse(started), Instant.parse(ended)));
        }

        /** The run's state for this step, for {@link Run#restore}. */
        public StepState toState(Runbook.Entry entry) {
            StepStatus status = status();
            Outcome outcome = null;
            if (status.finished() || status == StepStatus.FAILED) {
                Outcome.Builder b = switch (status) {
                    case DONE -> Outcome.succeeded(summary);
                    case SKIPPED -> Outcome.skipped(summary);
                    case WOULD_RUN -> Outcome.wouldRun(summary);
                    case CANNOT_CHECK -> Outcome.cannotCheck(summary);
                    default -> Outcome.failed(summary);
                };
                facts.forEach(b::fact);
                b.requestIds(requestIds);
                warnings.forEach(b::warning);
                series.forEach(b::series);
                outcome = b.build();
            }
            return new StepState(entry, status, outcome, started == null ? null : Instant.parse(started),
                    ended == null ? null : Instant.parse(ended), confirmedBy,
                    status == StepStatus.SKIPPED ? summary : null);
        }
    }

    /**
     * A difference from the dry run the run was held to, found before a mutating step ({@code accepted}: the
     * operator typed the word and went on; {@code by} who). {@code facts} = field → "recorded → now".
     */
    public record Drift(String ts, String step, String summary, Map<String, String> facts, boolean accepted,
                        String by) {
    }

    /**
     * The time budget checked before the engine change ({@code facts}: its numbers, see {@link TimeBudget.Verdict#facts});
     * {@code overriddenBy}: who typed the word to go on despite it, null when nobody did.
     */
    public record Budget(String ts, String step, String summary, Map<String, String> facts, String overriddenBy) {
    }

    /** Which dry run the run was held to ({@code dryRun} null: none, {@code summary} says why). */
    public record Baseline(String dryRun, String recordedAt, String age, String summary) {
    }

    private final String runId;
    private final String startedAt;
    private final Map<String, String> startFacts;
    private final String operator;
    private final String lastTs;
    private final String endedAt;
    private final String endSummary;
    private final String quitSummary;
    private final List<String> aborts;
    private final List<String> leaseProblems;
    private final List<String> resumes;
    private final boolean rolledBack;
    private final List<StepRecord> steps;
    private final List<String> problems;
    private final List<Drift> drifts;
    private final Baseline baseline;
    private final List<Budget> budgets;

    private JournalReplay(Replayer r, List<String> problems) {
        this.runId = r.runId;
        this.startedAt = r.startedAt;
        this.startFacts = OrderedMaps.copy(r.startFacts);
        this.operator = r.operator;
        this.lastTs = r.lastTs;
        this.endedAt = r.endedAt;
        this.endSummary = r.endSummary;
        this.quitSummary = r.quitSummary;
        this.aborts = List.copyOf(r.aborts);
        this.leaseProblems = List.copyOf(r.leaseProblems);
        this.resumes = List.copyOf(r.resumes);
        this.rolledBack = r.rolledBack;
        this.steps = r.steps.values().stream().map(JournalStepBuilder::build).toList();
        this.problems = List.copyOf(problems);
        this.drifts = List.copyOf(r.drifts);
        this.baseline = r.baseline;
        this.budgets = List.copyOf(r.budgets);
    }

    /** Every time-budget check, in order, with any override. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** Every difference from the dry run found before a mutating step, in order (accepted ones too). */
    public List<Drift> drifts() {
        return drifts;
    }

    /** Which dry run the run was held to; empty for a run that never looked (a rehearsal, an older run). */
    public Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** Replays the events of a journal file's contents (unreadable lines become {@link #problems()}). */
    public static JournalReplay of(Journal.Contents contents) {
        Replayer r = new Replayer();
        contents.events().forEach(r::accept);
        return new JournalReplay(r, contents.problems());
    }

    public String runId() {
        return runId;
    }

    public String startedAt() {
        return startedAt;
    }

    /** Facts of the run-started event: mode, environment, replication-group, os-user, aws-identity, ... */
    public Map<String, String> startFacts() {
        return startFacts;
    }

    public Optional<String> startFact(String key) {
        return Optional.ofNullable(startFacts.get(key));
    }

    public String operator() {
        return operator;
    }

    /** Time of the newest event: the end of the run, or as far as it got. */
    public String lastTs() {
        return lastTs;
    }

    /** Time of the run-ended event, or null when the run never ended (crashed, or still running). */
    public String endedAt() {
        return endedAt;
    }

    public String endSummary() {
        return endSummary;
    }

    /** True once the run ended (run-ended): an ended run is final; a quit or interrupted one is not. */
    public boolean finished() {
        return endedAt != null;
    }

    /** Why the operator quit, when the run's last word was a quit (it has not ended: resume continues it). */
    public Optional<String> quit() {
        return Optional.ofNullable(quitSummary);
    }

    public List<String> aborts() {
        return aborts;
    }

    /**
     * What went wrong with the lease on the group, in order: another run held it (a refused change, or a dry
     * run's finding), it was lost, or it could not be released.
     */
    public List<String> leaseProblems() {
        return leaseProblems;
    }

    /** One line per resume of this run. */
    public List<String> resumes() {
        return resumes;
    }

    public boolean rolledBack() {
        return rolledBack;
    }

    /** Steps in the order they first appeared in the journal. */
    public List<StepRecord> steps() {
        return steps;
    }

    public Optional<StepRecord> step(String key) {
        return steps.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The step whose key ends with {@code /stepId} (the runbook's step id, whatever its section). */
    public Optional<StepRecord> stepById(String stepId) {
        return steps.stream().filter(s -> s.key().endsWith("/" + stepId)).findFirst();
    }

    /** The newest value of a fact recorded by any finished step. */
    public Optional<String> fact(String key) {
        String value = null;
        String at = "";
        for (StepRecord s : steps) {
            if (s.facts().containsKey(key) && s.ended() != null && s.ended().compareTo(at) >= 0) {
                value = s.facts().get(key);
                at = s.ended();
            }
        }
        return Optional.ofNullable(value);
    }

    /** Lines that could not be read (a torn last line after a crash mid-write). */
    public List<String> problems() {
        return problems;
    }

    private static Map<String, String> facts(JournalEvent e) {
        return e.facts() == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(e.facts()));
    }

    /** Folds events into per-step attempts. */
    private static final class Replayer {
        String runId;
        String startedAt;
        Map<String, String> startFacts = new LinkedHashMap<>();
        String operator;
        String lastTs;
        String endedAt;
        String endSummary;
        String quitSummary;
        final List<String> aborts = new ArrayList<>();
        final List<String> leaseProblems = new ArrayList<>();
        final List<String> resumes = new ArrayList<>();
        boolean rolledBack;
        final Map<String, JournalStepBuilder> steps = new LinkedHashMap<>();
        final List<Drift> drifts = new ArrayList<>();
        Baseline baseline;
        final List<Budget> budgets = new ArrayList<>();

        /** The operator typed the word: the step's newest budget check reads overridden, and by whom. */
        void overridden(JournalEvent e) {
            for (int i = budgets.size() - 1; i >= 0; i--) {
                Budget b = budgets.get(i);
                if (b.step() != null && b.step().equals(e.step())) {
                    budgets.set(i, new Budget(b.ts(), b.step(), b.summary(), b.facts(), e.operator()));
                    return;
                }
            }
            budgets.add(new Budget(e.ts(), e.step(), e.summary(), facts(e), e.operator()));
        }

        /** The operator went on despite the step's newest drift: that drift reads accepted, and by whom. */
        void accepted(JournalEvent e) {
            for (int i = drifts.size() - 1; i >= 0; i--) {
                Drift d = drifts.get(i);
                if (d.step() != null && d.step().equals(e.step()) && !d.accepted()) {
                    drifts.set(i, new Drift(d.ts(), d.step(), d.summary(), d.facts(), true, e.operator()));
                    return;
                }
            }
            drifts.add(new Drift(e.ts(), e.step(), e.summary(), facts(e), true, e.operator()));
        }

        void accept(JournalEvent e) {
            if (runId == null) {
                runId = e.run();
            }
            if (e.ts() != null) {
                lastTs = e.ts();
            }
            switch (e.kind()) {
                case RUN_STARTED -> {
                    startedAt = e.ts();
                    if (e.facts() != null) {
                        startFacts.putAll(e.facts());
                    }
                    operator = e.operator();
                }
                case RUN_ENDED -> {
                    endedAt = e.ts();
                    endSummary = e.summary();
                }
                case ABORTED -> aborts.add(e.summary());
                case LEASE_REFUSED, LEASE_LOST, LEASE_HELD -> leaseProblems.add(e.summary());
                case LEASE_TAKEN, LEASE_RENEWED, LEASE_RELEASED -> {
                    // journaled for the record; the report lists only what went wrong
                }
                case QUIT -> quitSummary = e.summary();
                case RESUMED -> {
                    resumes.add(e.ts() + ": " + e.summary());
                    quitSummary = null;
                }
                case ROLLBACK_STARTED -> rolledBack = true;
                case DRY_RUN_BASELINE -> {
                    Map<String, String> f = e.facts() == null ? Map.of() : e.facts();
                    baseline = new Baseline(f.get("dry-run"), f.get("recorded-at"), f.get("age"), e.summary());
                }
                case DRIFT -> drifts.add(new Drift(e.ts(), e.step(), e.summary(), facts(e), false, null));
                case DRIFT_ACCEPTED -> accepted(e);
                case BUDGET -> budgets.add(new Budget(e.ts(), e.step(), e.summary(), facts(e), null));
                case BUDGET_ACCEPTED -> overridden(e);
                default -> {
                    if (e.step() != null) {
                        steps.computeIfAbsent(e.step(), JournalStepBuilder::new).accept(e);
                    }
                }
            }
        }
    }
}
