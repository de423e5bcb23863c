package dev.runbook.run;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.Progress;
import dev.runbook.aws.Backend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.run.JournalEvent.Kind;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a runbook against one environment: for each step, preview → confirm → journal → execute →
 * outcome → journal. The TUI, the non-interactive autopilot and tests drive it step by step; it never decides
 * the order itself. Thread-safe for one driver thread plus readers.
 */
public final class Run {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    /** The fact of a would-run step: how many requests it would send (0: nothing to do here). */
    public static final String WOULD_SEND = "would-send";
    private final RunInfo info;
    private final Runbook runbook;
    private final Environment environment;
    private final Settings settings;
    private final Backend backend;
    private final Journal journal;
    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    /** The newest log lines, replayed to a listener that attaches late (what resume found, for the TUI). */
    private static final int BACKLOG = 100;
    private final ArrayDeque<String> backlog = new ArrayDeque<>();
    /** Fans every event out to the listeners: the command's, plus a screen that attaches later (the TUI). */
    private final RunListener listener = new RunListener() {
        @Override
        public void stepChanged(StepState state) {
            LOG.info(secrets.mask(state.line()));
            listeners.forEach(l -> l.stepChanged(state));
        }

        @Override
        public void log(String line) {
            // every line a screen shows goes to runbook.log too (TUI and --non-interactive alike)
            LOG.info(line);
            synchronized (backlog) {
                backlog.addLast(line);
                if (backlog.size() > BACKLOG) {
                    backlog.removeFirst();
                }
                listeners.forEach(l -> l.log(line));
            }
        }

        @Override
        public void status(String line) {
            listeners.forEach(l -> l.status(line));
        }
    };
    private final Map<String, StepState> states = new LinkedHashMap<>();
    private final List<StepState> finishedInOrder = new ArrayList<>();
    private final ConcurrentHashMap<Class<?>, Object> shared = new ConcurrentHashMap<>();
    private final RunContext context;
    private Instant startedAt;
    private final JournalSecrets secrets;
    /** Dry run as the pre-flight (go on after a failure, "cannot check") and the drift guard: see their types. */
    private final PreflightPolicy preflight;
    private volatile DriftGuard drift;
    /** The maintenance window's time budget, asked before the engine change (see {@link TimeBudget}). */
    private final TimeBudget budget;
    private final BudgetGuard budgetGuard;
    /** Set when a signal asked the run to stop: no further step starts, and the one in flight says why it ended. */
    private volatile Interrupt interrupt;
    private boolean rollingBack;
    /** Asked before each change is sent (the lease on the group); none unless the command installs one. */
    private volatile ChangeGuard guard = ChangeGuard.NONE;
    private boolean closed;

    public Run(RunInfo info, Runbook runbook, Environment environment, Settings settings, Backend backend,
               Journal journal, RunListener listener) {
        this.info = info;
        this.runbook = runbook;
        this.environment = environment;
        this.settings = settings;
        this.backend = backend;
        this.journal = journal;
        this.listeners.add(listener);
        this.secrets = JournalSecrets.of(environment);
        journal.hide(secrets);
        Map<String, Object> subs = environment.asSubstitutions();
        for (Runbook.Entry e : runbook.entries()) {
            String reason = e.step().notApplicableBecause(subs);
            StepState s = StepState.pending(e);
            states.put(e.key(), reason == null ? s
                    : StepState.notApplicable(e, reason));
        }
        Progress progress = new Progress() {
            @Override
            public void log(String line) {
                Run.this.listener.log(secrets.mask(line));
            }

            @Override
            public void status(String line) {
                Run.this.listener.status(secrets.mask(line));
            }
        };
        this.preflight = new PreflightPolicy(backend.mode());
        this.drift = new DriftGuard(this, Optional.empty(), "");
        this.budget = new TimeBudget(runbook.entries(), e -> state(e.key()).status() != StepStatus.NOT_APPLICABLE,
                environment);
        this.budgetGuard = new BudgetGuard(this, budget);
        this.context = new RunContext(environment, settings, backend, info.dir(), progress,
                preflight.tracking(this::fact), shared);
    }

    /**
     * Holds this run to a dry run (the newest within dry-run.max-age, or the one named): before each mutating
     * step its state and requests are compared with what that dry run recorded. {@code none} says why there is
     * none when {@code baseline} is empty. Call before {@link #started()}.
     */
    public void holdTo(Optional<DryRunRecord> baseline, String none) {
        this.drift = new DriftGuard(this, baseline, none);
    }

    /** The time budget of this run: its point of no return, what the rest needs, the window it must fit in. */
    public TimeBudget budget() {
        return budget;
    }

    /**
     * When this run started: set by {@link #started()}; a resumed run reads its first start once from its journal's
     * first event. Null if unreadable.
     */
    public synchronized Instant startedAt() {
        if (startedAt == null) {
            try {
                startedAt = Journal.read(journal.file()).events().stream().findFirst()
                        .map(e -> Instant.parse(e.ts())).orElse(null);
            } catch (RuntimeException e) {
                LOG.warn("could not read when run {} started: {}", info.id(), e.toString());
            }
        }
        return startedAt;
    }

    /** What the rest needs once the engine change is sent (settings and earlier runs, read once). */
    public TimeBudget.Estimate budgetEstimate() {
        return budgetGuard.estimate();
    }

    /** True when a failed step does not end the run (a dry run lists every problem at once). */
    public boolean goesOnAfterFailure() {
        return preflight.goesOnAfterFailure();
    }

    /** {@code text} with the configured auth token masked, as every journal line is. */
    String mask(String text) {
        return secrets.mask(text);
    }

    /** A line in the run's log (the screen's log pane, runbook.log). */
    public void log(String line) {
        // the fan-out listener writes it to runbook.log as it does every screen line
        listener.log(secrets.mask(line));
    }

    public RunInfo info() {
        return info;
    }

    public Runbook runbook() {
        return runbook;
    }

    public Environment environment() {
        return environment;
    }

    public Settings settings() {
        return settings;
    }

    public Backend backend() {
        return backend;
    }

    /**
     * Adds a listener (the TUI attaches to a run the command built), first replaying the newest log lines it
     * missed (a resume's reconciliation); called from any thread.
     */
    public void addListener(RunListener extra) {
        synchronized (backlog) {
            backlog.forEach(extra::log);
            listeners.add(extra);
        }
    }

    public Journal journal() {
        return journal;
    }

    /** Installs what is asked before every change and at the end of the run (the lease on the group). */
    public void guardChanges(ChangeGuard guard) {
        this.guard = guard;
    }

    /** A line for the run's log and screen, from something beside the steps (the lease's renewals). */
    public void note(String line) {
        String masked = secrets.mask(line);
        LOG.info(masked);
        listener.log(masked);
    }

    public Path dir() {
        return info.dir();
    }

    public synchronized StepState state(String key) {
        return states.get(key);
    }

    public synchronized List<StepState> states() {
        return List.copyOf(states.values());
    }

    /** Steps in the order they ended (a retried step appears once per attempt). */
    public synchronized List<StepState> history() {
        return List.copyOf(finishedInOrder);
    }

    /** The newest value of a fact recorded by a finished step. */
    public synchronized Optional<String> fact(String key) {
        for (int i = finishedInOrder.size() - 1; i >= 0; i--) {
            Outcome o = finishedInOrder.get(i).outcome();
            if (o != null && o.facts().containsKey(key)) {
                return Optional.of(o.facts().get(key));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the order rule refuses {@code entry} now ({@link OrderGate}), or empty when it may run. Read-only and
     * cheap: the screen asks before it opens a confirmation; {@link #runStep} asks again and refuses.
     */
    public synchronized Optional<OrderGate.Refusal> refusal(Runbook.Entry entry) {
        return new OrderGate(runbook.entries(), states).check(entry);
    }

    /** True once the rollback section was entered (journaled as rollback-started), also after a resume. */
    public synchronized boolean rollingBack() {
        return rollingBack;
    }

    /**
     * Journals that the run goes into its rollback section, once, however it got there (the screen's b, the
     * autopilot after a failure): resume reads it to continue the rollback. {@code step} is the failed step, or null.
     */
    public void rollbackStarted(String step, String why) {
        synchronized (this) {
            if (rollingBack) {
                return;
            }
            rollingBack = true;
        }
        journal.append(event().step(step).summary(why).is(Kind.ROLLBACK_STARTED));
        listener.log("rollback started: " + why);
    }

    /** Resume: the journal says the run was rolling back when it stopped. */
    synchronized void rollingBackAlready() {
        rollingBack = true;
    }

    /** What the step will do (side-effect free). */
    public Preview preview(Runbook.Entry entry) {
        return entry.step().action().preview(context);
    }

    /**
     * Journals the start of the run. The facts always hold what the report needs to stand on the journal
     * alone (mode, environment, group, runbook, OS user, AWS identity); the setup's own facts come on top.
     */
    public void started() {
        synchronized (this) {
            startedAt = backend.time().now(); // a resumed run reads its first start from the journal instead
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mode", backend.mode().label());
        facts.put("environment", environment.name());
        facts.put("replication-group", environment.replicationGroupId());
        facts.put("runbook", runbook.id());
        facts.put("runbook-title", runbook.title());
        facts.put("os-user", System.getProperty("user.name", "unknown"));
        facts.put("aws-identity", backend.identity());
        facts.put("backend", backend.describe());
        facts.putAll(info.facts());
        journal.append(event().summary(runbook.title() + " · " + environment.name() + " · "
                + environment.replicationGroupId() + " · " + backend.mode().label()).facts(facts)
                .operator(info.operator()).is(Kind.RUN_STARTED));
        drift.started();
        backend.notice().ifPresent(listener::log);
    }

    /** Journals that this run goes on after an interruption (same id, same journal), and what resume found. */
    public void resumed(String summary) {
        journal.append(event().summary(summary).operator(info.operator()).is(Kind.RESUMED));
        listener.log("resumed: " + summary);
        backend.notice().ifPresent(listener::log);
    }

    /**
     * Journals what resume found for a step that was interrupted mid-flight, shows it to the operator, and
     * takes the step's state from it ({@code resolution} = done, pending or unknown).
     */
    public void reconciled(Runbook.Entry entry, String resolution, String summary, Map<String, String> facts) {
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.put(JournalReplay.RESOLUTION, resolution);
        JournalEvent event = event().step(entry.key()).mutates(entry.step().action().mutates()).summary(summary)
                .facts(all).operator(info.operator()).is(Kind.RECONCILED);
        journal.append(event);
        listener.log(entry.key() + ": reconciled (" + resolution + "): " + secrets.mask(summary));
        StepState old = state(entry.key());
        JournalEvent start = JournalEvent.at(old.started() == null ? event.ts() : old.started().toString(), info.id())
                .step(entry.key()).mutates(event.mutates()).summary(summary).is(Kind.STARTED);
        StepState restored = JournalReplay.of(new Journal.Contents(List.of(start, event), List.of())).steps()
                .get(0).toState(entry);
        restore(restored);
        listener.stepChanged(restored);
    }

    /** The context actions run with (resume's reconciliation uses it too). */
    ActionContext context() {
        return context;
    }

    /**
     * Lets a step that ended in an earlier process take up what outlives it (see {@link Action#resumed}); a failure
     * is shown and logged, and the run goes on.
     */
    public void takeUp(Runbook.Entry entry) {
        try {
            entry.step().action().resumed(context);
        } catch (ActionException e) {
            LOG.warn("{}: {}", entry.key(), secrets.mask(e.getMessage()));
            listener.log("⚠ " + entry.key() + ": " + secrets.mask(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{}: taking up its work after the resume failed", entry.key(), e);
            listener.log("⚠ " + entry.key() + ": could not be taken up after the resume (details in runbook.log)");
        }
    }

    /**
     * Runs one step: order rule, preview, confirm when it needs it, journal, execute, journal. Returns the new
     * state; a refusal by the order rule or a declined confirmation leaves the step pending with nothing
     * journaled and nothing sent. A dry run sends no change anyway: there the refusal only becomes a warning
     * on the outcome (what a live run would have refused).
     * A change the guard (the lease on the group) refuses throws {@link ChangeRefused} before anything is asked or
     * sent; so does the engine change when the maintenance window cannot hold the rest ({@link TimeBudget}) and the
     * confirmer does not type the word.
     */
    public StepState runStep(Runbook.Entry entry, Confirmer confirmer) throws InterruptedException {
        stopIfInterrupted();
        StepState current = state(entry.key());
        if (current.status() == StepStatus.NOT_APPLICABLE) {
            return current;
        }
        Optional<OrderGate.Refusal> refusal = refusal(entry);
        if (refusal.isPresent() && backend.mode().canMutate()) {
            LOG.info(refusal.get().line());
            listener.log("✗ " + refusal.get().line());
            return current;
        }
        Action action = entry.step().action();
        Preview preview = preview(entry);
        boolean dryRunMutation = action.mutates() && !backend.mode().canMutate();
        budgetGuard.check(entry, confirmer); // throws ChangeRefused: nothing asked, sent or journaled as started
        if (dryRunMutation) {
            guard.beforeWouldRun(entry);
        } else if (action.mutates()) {
            guard.beforeChange(entry); // throws ChangeRefused: the step stays pending, nothing is sent
        }
        if (action.mutates() && !drift.mayGoOn(entry, preview, confirmer)) {
            return current;
        }
        String confirmedBy = null;
        if (entry.step().confirm() != Confirm.NONE && !dryRunMutation) {
            Confirmation c = confirmer.confirm(new ConfirmRequest(entry, preview, entry.step().confirm(),
                    action.confirmTarget(context), backend.mode(), environment.name()));
            if (!c.given()) {
                listener.log(entry.key() + ": not confirmed, nothing sent");
                return current;
            }
            confirmedBy = c.by() + " (" + c.how() + ")";
            journal.append(event().step(entry.key()).mutates(action.mutates()).summary(entry.step().confirm().word())
                    .operator(confirmedBy).is(Kind.CONFIRMED));
        }
        Instant started = backend.time().now();
        journal.append(event().step(entry.key()).mutates(action.mutates()).summary(preview.summary())
                .operator(info.operator()).is(Kind.STARTED));
        update(StepState.running(entry, started, confirmedBy));
        Outcome outcome;
        if (dryRunMutation) {
            outcome = Outcome.wouldRun(preview.requests().isEmpty() ? "would send nothing: " + preview.summary()
                    : "would send: " + String.join(" ; ", preview.requests()))
                    .fact(WOULD_SEND, preview.requests().size()).build();
        } else {
            preflight.stepStarting();
            outcome = preflight.judge(execute(entry, action), states());
        }
        if (refusal.isPresent()) {
            List<String> warnings = new ArrayList<>(outcome.warnings());
            warnings.add("a live run would have refused this step now (" + refusal.get().reason() + ")");
            outcome = new Outcome(outcome.status(), outcome.summary(), outcome.facts(), outcome.requestIds(), warnings,
                    outcome.series());
        }
        StepState done = StepState.ended(entry, statusOf(outcome), outcome, started, backend.time().now(),
                confirmedBy);
        journal.append(event().step(entry.key()).mutates(action.mutates()).summary(outcome.summary())
                .facts(outcome.facts()).requestIds(outcome.requestIds()).operator(info.operator())
                .warnings(outcome.warnings()).series(outcome.series()).is(Kind.of(outcome.status().word())));
        update(done);
        drift.stepEnded(done, preview);
        // a step cut short by a signal is journaled above; what comes next (a rollback?) is for a person
        stopIfInterrupted();
        return done;
    }

    /**
     * Asks the run to stop (a signal): no step starts after this, and the driver's thread should be interrupted
     * so that a wait in flight ends. The caller journals the end.
     */
    public void interrupt(Interrupt why) {
        String running;
        synchronized (this) {
            running = states.values().stream().filter(s -> s.status() == StepStatus.RUNNING).map(StepState::key)
                    .findFirst().orElse(null);
        }
        this.interrupt = running == null ? why : why.during(running);
    }

    /** The signal that stopped the run, if one did. */
    public Optional<Interrupt> interruption() {
        return Optional.ofNullable(interrupt);
    }

    private void stopIfInterrupted() throws InterruptedException {
        if (interrupt != null) {
            throw new InterruptedException(interrupt.describe());
        }
    }

    /** The action's outcome with the request ids of every call it made through the context's clients. */
    private Outcome execute(Runbook.Entry entry, Action action) throws InterruptedException {
        context.requests().drain();
        Outcome outcome = attempt(entry, action);
        return outcome.withRequestIds(context.requests().drain());
    }

    private Outcome attempt(Runbook.Entry entry, Action action) throws InterruptedException {
        try {
            return action.execute(context);
        } catch (ActionException e) {
            LOG.warn("{} failed: {}", entry.key(), secrets.mask(e.getMessage()));
            Outcome.Builder b = Outcome.failed(e.getMessage());
            if (e.errorCode() != null) {
                b.fact("error-code", e.errorCode());
            }
            if (e.httpStatus() > 0) {
                b.fact("http-status", e.httpStatus());
            }
            return b.requestId(e.requestId()).build();
        } catch (InterruptedException e) {
            String why = interrupt != null ? interrupt.describe() : "cancelled by the operator";
            return Outcome.failed(why + " while running; check the group's state before going on").build();
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", entry.key(), e);
            return Outcome.failed("unexpected error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (details in runbook.log)").build();
        }
    }

    /** Records that the operator skipped a step, and why. */
    public StepState skip(Runbook.Entry entry, String reason) {
        Outcome outcome = Outcome.skipped("skipped by " + info.operator() + ": " + reason).build();
        journal.append(event().step(entry.key()).mutates(entry.step().action().mutates()).summary(outcome.summary())
                .operator(info.operator()).is(Kind.SKIPPED));
        Instant t = backend.time().now();
        StepState s = StepState.skipped(entry, outcome, t, reason);
        update(s);
        return s;
    }

    /** Records that the run was abandoned, and why. */
    public void aborted(String reason) {
        journal.append(event().summary(reason).is(Kind.ABORTED));
        listener.log("run aborted: " + reason);
    }

    /**
     * The rule for leaving a run, said the same everywhere: a run that was quit (or interrupted) has not
     * ended and {@code resume} continues it; a run that ended (its last step, an abort, a rollback) is final
     * and only its report can be seen again.
     */
    public static String resumeHint(String runId) {
        return "the run has not ended: `resume " + runId + "` continues it";
    }

    /** What {@code resume RUN_ID} says of a run that has ended. */
    public static String endedHint(String runId) {
        return "run " + runId + " has ended: an ended run cannot be resumed; see its report with `report " + runId + "`";
    }

    /**
     * Records the end of the run and ends what steps left running (a downtime probe without its stop). A run
     * ends once: a second call journals nothing.
     */
    public void ended(String summary) {
        if (!closeOnce()) {
            LOG.warn("run {} already ended; not journaling a second end ({})", info.id(), summary);
            return;
        }
        guard.runEnding();
        LOG.info("run ended: {}", summary);
        journal.append(event().summary(summary).is(Kind.RUN_ENDED));
        closeShared();
    }

    /** Records that the operator quit: the run has not ended, and {@code resume} continues it. */
    public void quit(String summary) {
        if (!closeOnce()) {
            return;
        }
        guard.runEnding();   // the lease goes with the process: resume takes it again before its next change
        LOG.info("run quit: {}; {}", summary, resumeHint(info.id()));
        journal.append(event().summary(summary).is(Kind.QUIT));
        closeShared();
    }

    private synchronized boolean closeOnce() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    private void closeShared() {
        for (Object o : shared.values()) {
            if (o instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {} at the end of the run failed", o.getClass().getSimpleName(), e);
                }
            }
        }
        shared.clear();
    }

    /** Restores a step's state from a journal (resume). */
    public synchronized void restore(StepState state) {
        states.put(state.key(), state);
        if (state.status() != StepStatus.PENDING && state.status() != StepStatus.RUNNING) {
            finishedInOrder.add(state);
        }
    }

    private synchronized void putState(StepState s) {
        states.put(s.key(), s);
        if (s.status() != StepStatus.RUNNING) {
            finishedInOrder.add(s);
        }
    }

    private void update(StepState s) {
        putState(s);
        listener.stepChanged(s);
    }

    private static StepStatus statusOf(Outcome o) {
        return switch (o.status()) {
            case SUCCEEDED -> StepStatus.DONE;
            case FAILED -> StepStatus.FAILED;
            case SKIPPED -> StepStatus.SKIPPED;
            case WOULD_RUN -> StepStatus.WOULD_RUN;
            case CANNOT_CHECK -> StepStatus.CANNOT_CHECK;
        };
    }

    /** An event of this run, now. */
    private JournalEvent.Builder event() {
        return JournalEvent.at(now(), info.id());
    }

    private String now() {
        return backend.time().now().toString();
    }
}
