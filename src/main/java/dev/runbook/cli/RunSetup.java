package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.config.InvalidInputException;
import dev.runbook.action.Mode;
import dev.runbook.aws.Backend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.Autopilot;
import dev.runbook.run.ActionReconciler;
import dev.runbook.run.Confirmation;
import dev.runbook.run.Confirmer;
import dev.runbook.run.DryRunBaseline;
import dev.runbook.run.Interrupt;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.LeaseKeeper;
import dev.runbook.run.PreflightSummary;
import dev.runbook.run.RecordedStart;
import dev.runbook.run.ResumeHint;
import dev.runbook.run.ResumeSession;
import dev.runbook.run.Run;
import dev.runbook.action.RunFiles;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.run.RunLock;
import dev.runbook.run.Runs;
import dev.runbook.runbook.Runbook;
import dev.runbook.tui.RunbookTui;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * What {@code rehearse}, {@code run} and {@code resume} share: settings → environment → runbook → run folder
 * (the log is pointed there before any logger exists) → backend → run; then the TUI, or the autopilot with
 * automatic confirmations and the report. A new run journals its start; a resumed one (same folder, same
 * journal) restores and reconciles from its journal instead. Exit code 0 when the run reached its end, 1 otherwise.
 */
final class RunSetup {
    /** Builds the backend once the run folder and log exist. */
    /** The backend of a resumed run, which may need the run's runbook (a rehearsal re-seeds from its steps). */
    interface ResumedBackendFactory {
        Backend create(Settings settings, Environment env, Path runDir, Runbook runbook);
    }

    interface BackendFactory {
        /** {@code runbook}: the loaded runbook (a rehearsal starts from its declared starting state, if any). */
        Backend create(Settings settings, Environment env, Path runDir, Runbook runbook);
    }

    /** Called with the backend before the run starts: returns facts to record, or null to stop (declined). */
    interface BeforeStart {
        Map<String, String> check(Backend backend, Environment env);
    }

    /** How driving begins: a new run journals its start; a resumed run restores from its journal first. */
    interface Begin {
        /** Puts the run where the TUI takes over. */
        void beforeTui(Run run) throws InterruptedException;

        /** Drives the run to its end without a person and journals the end. */
        Autopilot.Result drive(Run run, Confirmer confirmer) throws InterruptedException;
    }

    static final Begin NEW_RUN = new Begin() {
        @Override
        public void beforeTui(Run run) {
            run.started();
        }

        @Override
        public Autopilot.Result drive(Run run, Confirmer confirmer) throws InterruptedException {
            run.started();
            Autopilot.Result result = new Autopilot(run, confirmer).drive();
            run.ended(result.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return result;
        }
    };

    /** Resume: interrupted mutating steps are reconciled with AWS (or the re-seeded simulation) first. */
    static final Begin RESUMED = new Begin() {
        @Override
        public void beforeTui(Run run) throws InterruptedException {
            new ResumeSession(run, new ActionReconciler()).restore();
        }

        @Override
        public Autopilot.Result drive(Run run, Confirmer confirmer) throws InterruptedException {
            return new ResumeSession(run, new ActionReconciler()).resumeAndDrive(confirmer);
        }
    };

    /** Why there is no terminal for the TUI, or null; tests that stop before the TUI replace it. */
    static Supplier<String> terminalCheck = RunbookTui::whyNoTerminal;

    private final CommonOptions common;
    private final boolean nonInteractive;
    private final PrintWriter out;

    RunSetup(CommonOptions common, boolean nonInteractive, PrintWriter out) {
        this.common = common;
        this.nonInteractive = nonInteractive;
        this.out = out;
    }

    Settings settings() {
        return common.settings();
    }

    boolean nonInteractive() {
        return nonInteractive;
    }

    PrintWriter out() {
        return out;
    }

    /**
     * Refuses to start the TUI where there is no terminal to draw it on ({@code rehearse ... </dev/null >out}),
     * before anything is written: no run folder, no journal for resume to pick up later.
     */
    void requireTerminal() {
        String why = nonInteractive ? null : terminalCheck.get();
        if (why != null) {
            throw new InvalidInputException(why);
        }
    }

    /** A new run in a new folder under {@code runsDir} (null: the settings' runs folder), held to no dry run. */
    int execute(Settings settings, String envName, Path runsDir, BackendFactory backends, BeforeStart beforeStart) {
        return execute(settings, envName, runsDir, backends, beforeStart, null);
    }

    /** As above, held to {@code baseline} (the dry run found for it, or why none; null: not looked for). */
    int execute(Settings settings, String envName, Path runsDir, BackendFactory backends, BeforeStart beforeStart,
                DryRunBaseline.Found baseline) {
        Environment env = settings.environment(envName);
        requireTerminal();
        Runbook runbook = common.loader().load(common.runbook(), env);
        Path dir = createRunFolder(runsRoot(runsDir, settings), runsDir != null, env);
        RecordedStart.record(dir, common.runbook(), settings);
        boolean started = false;
        try (RunLock lock = RunLock.take(dir); Backend backend = backends.create(settings, env, dir, runbook)) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("mode", backend.mode().label());
            facts.put("environment", env.name());
            facts.put("replication-group", env.replicationGroupId());
            facts.put("runbook", runbook.file().toString());
            facts.put("settings", settings.file().toString());
            facts.put("backend", backend.describe());
            Map<String, String> checked = beforeStart.check(backend, env);
            if (checked == null) {
                return declined(dir);
            }
            facts.putAll(checked);
            facts.put("identity", backend.identity());
            try (Journal journal = Journal.open(dir)) {
                started = true;
                Run run = newRun(new RunInfo(dir.getFileName().toString(), dir, operator(), facts), runbook, env,
                        settings, backend, journal);
                if (baseline != null) {
                    run.holdTo(baseline.record(), baseline.why());
                }
                return drive(run, NEW_RUN, autoConfirmer(run));
            }
        } catch (InvalidInputException e) {
            if (started) {
                throw e;
            }
            // a run that never started (no region, no such profile, AWS unreachable) leaves no run folder
            Path kept = Runs.discard(dir);
            throw new InvalidInputException(e.getMessage() + (kept == null ? "" : " (details in " + kept + ")"), e);
        }
    }

    /**
     * The Run that continues the run in {@code dir}: same id and folder, its journal reopened for appending
     * (no new run-started event). Null when the operator declined at the backend's check; the caller closes
     * the run's journal and backend.
     */
    ResumeCommand.Opened reopen(Path dir, Map<String, String> startFacts, Path runbookFile, Settings settings,
                                Environment env, ResumedBackendFactory backends, BeforeStart beforeStart) {
        Runbook runbook = common.loader().load(runbookFile, env);
        Backend backend = backends.create(settings, env, dir, runbook);
        ResumeCommand.Opened opened = null;
        try {
            if (beforeStart.check(backend, env) != null) {
                Run run = newRun(new RunInfo(dir.getFileName().toString(), dir, operator(), startFacts), runbook,
                        env, settings, backend, Journal.open(dir));
                opened = new ResumeCommand.Opened(run, autoConfirmer(run));
            }
            return opened;
        } finally {
            if (opened == null) {
                backend.close();
            }
        }
    }

    private Run newRun(RunInfo info, Runbook runbook, Environment env, Settings settings, Backend backend,
                       Journal journal) {
        RunListener listener = nonInteractive ? new ConsoleListener(out) : RunListener.NONE;
        Run run = new Run(info, runbook, env, settings, backend, journal, listener);
        run.guardChanges(LeaseKeeper.of(run));
        return run;
    }

    /**
     * The TUI, or (--non-interactive) the autopilot then the report. SIGINT, SIGTERM and SIGHUP stop the run the
     * way quitting does: journaled, reported, and the resume command printed (see {@link Signals}).
     */
    int drive(Run run, Begin begin, Confirmer confirmer) {
        try (Signals signals = Signals.install(!nonInteractive)) {
            if (!nonInteractive) {
                begin.beforeTui(run);
                return RunbookTui.run(run, signals::onInterrupt);
            }
            Thread driver = Thread.currentThread();
            signals.onInterrupt(interrupt -> {
                run.interrupt(interrupt);
                driver.interrupt();
            });
            return driveWithoutScreen(run, begin, confirmer);
        } catch (InterruptedException e) {
            // a signal while the TUI was being prepared (resume's reconciliation): nothing was driven yet
            Thread.interrupted();
            return interrupted(run, run.interruption().orElse(new Interrupt("an interrupt", false,
                    ExitCodes.STEP_FAILED)));
        }
    }

    private int driveWithoutScreen(Run run, Begin begin, Confirmer confirmer) {
        String header = String.format("%s · %s · %s · %s", run.runbook().title(), run.environment().name(),
                run.environment().replicationGroupId(), run.backend().describe());
        LoggerFactory.getLogger(RunSetup.class).info(header);
        out.println(header);
        out.flush();
        Autopilot.Result result;
        try {
            result = begin.drive(run, confirmer);
        } catch (InterruptedException e) {
            // cleared: the journal and the report still have to be written (a file channel refuses to while set)
            Thread.interrupted();
            return interrupted(run, run.interruption().orElse(new Interrupt("an interrupt", false,
                    ExitCodes.STEP_FAILED)));
        }
        Thread.interrupted();   // a signal that came as the last step ended
        ReportWriter.finish(run, out);
        if (run.interruption().isPresent()) {
            out.println(ResumeHint.line(run));
            out.flush();
            return run.interruption().get().exitCode();
        }
        if (run.backend().mode() == Mode.DRY_RUN) {
            // the pre-flight's verdict: 0 only when the dry run found no problem
            PreflightSummary summary = PreflightSummary.of(JournalReplay.of(Journal.read(run.journal().file())));
            return summary.clean() && result != Autopilot.Result.ABORTED ? ExitCodes.OK : ExitCodes.STEP_FAILED;
        }
        return result == Autopilot.Result.COMPLETED ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }

    /** A signal stopped the run: journal why and what was in flight, print the report so far and how to resume. */
    private int interrupted(Run run, Interrupt interrupt) {
        // stopped, not ended: journaled as the run quitting, which resume continues (the one quit rule)
        run.quit(interrupt.summary());
        out.println();
        out.println("run stopped: " + interrupt.summary());
        ReportWriter.finish(run, out);
        out.println("run quit: " + interrupt.summary() + "; " + Run.resumeHint(run.info().id()));
        out.println(ResumeHint.line(run));
        out.flush();
        return interrupt.exitCode();
    }

    /** The runs folder: {@code --runs-dir} (never empty: {@link FlagConverters.RunsDir}), else the settings'. */
    static Path runsRoot(Path flag, Settings settings) {
        return flag != null ? flag : Path.of(settings.runsDir());
    }

    /**
     * A new run folder with the log pointed into it; a folder that cannot be made (read-only, no permission, a
     * full disk) is the operator's input error, in one sentence naming where the path came from.
     */
    private static Path createRunFolder(Path root, boolean fromFlag, Environment env) {
        Path dir = null;
        try {
            dir = new Runs(root).create(env.name(), Instant.now());
            Runs.logTo(dir);
            return dir;
        } catch (UncheckedIOException e) {
            if (dir != null) {
                Runs.discard(dir);
            }
            throw new InvalidInputException((fromFlag ? "--runs-dir " : "runs-dir ") + root + ": cannot create a run"
                    + " folder there (" + RunFiles.why(e.getCause()) + "): "
                    + (fromFlag ? "pass a folder you can write to" : "set runs-dir in the settings, or pass --runs-dir DIR"),
                    e);
        }
    }

    /** The operator said no before the first step. */
    int declined(Path dir) {
        out.println("not confirmed: nothing was done (run folder " + dir + ")");
        out.flush();
        return ExitCodes.STEP_FAILED;
    }

    private static String operator() {
        return System.getProperty("user.name", "operator");
    }

    /** --non-interactive answers every confirmation itself, saying so in the journal. */
    private static Confirmer autoConfirmer(Run run) {
        String how = "auto: --non-interactive " + run.backend().mode().label().toLowerCase(Locale.ROOT);
        String operator = operator();
        return request -> new Confirmation(true, operator, how);
    }

    /** --non-interactive answers confirmations itself: only where nothing real can change. */
    static void refuseNonInteractiveLive(boolean nonInteractive, boolean canChangeNothingReal) {
        if (nonInteractive && !canChangeNothingReal) {
            throw new InvalidInputException("--non-interactive is allowed only with rehearse or run --dry-run: a live "
                    + "run needs a person to confirm each change");
        }
    }
}
