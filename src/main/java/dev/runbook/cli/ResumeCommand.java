package dev.runbook.cli;

import dev.runbook.ExitCodes;
import dev.runbook.InvalidInputException;
import dev.runbook.config.Settings;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.AwsReconciler;
import dev.runbook.run.Autopilot;
import dev.runbook.run.Confirmer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.ResumeSession;
import dev.runbook.run.Run;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code resume [RUN_ID]}: continues an interrupted run (default: the newest one without a run-ended event) in
 * the same folder and journal. Interrupted mutating steps are reconciled with AWS before anything repeats.
 */
@Command(name = "resume", description = "Continue an interrupted run (default: the newest unfinished one) where it "
        + "stopped. A change that was in flight is checked against AWS first and never sent twice.")
public final class ResumeCommand implements Callable<Integer> {
    /**
     * Builds the Run that continues an old run: same id and folder, the journal reopened for appending (never a
     * new run-started event), the environment and mode from the old run-started facts, and for a rehearsal the
     * simulation seeded with {@code ReconcileSeed.from(replay, group)}. Wired by the run-setup code.
     */
    public interface RunOpener {
        Opened open(String runId, Path dir, JournalReplay replay, Settings settings, boolean nonInteractive);
    }

    /** The continued run and who answers its confirmations (the TUI, or the autopilot's confirmer). */
    public record Opened(Run run, Confirmer confirmer) {
    }

    /** Until the run-setup code wires it, resume says so instead of guessing a backend. */
    static final RunOpener UNWIRED = (id, dir, replay, settings, nonInteractive) -> {
        throw new InvalidInputException("resume is not wired to a run backend in this build");
    };

    private final RunOpener opener;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ReportCommand.RunChoice choice;

    @Option(names = "--non-interactive", description = "Drive the rest without the TUI (rehearsal and dry-run only).")
    boolean nonInteractive;

    public ResumeCommand() {
        this(UNWIRED);
    }

    public ResumeCommand(RunOpener opener) {
        this.opener = opener;
    }

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = common.settings();
        Path dir = choice.find(settings, true);
        JournalReplay replay = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE)));
        Opened opened = opener.open(dir.getFileName().toString(), dir, replay, settings, nonInteractive);
        Autopilot.Result result = new ResumeSession(opened.run(), new AwsReconciler())
                .resumeAndDrive(opened.confirmer());
        ReportWriter.finish(opened.run(), spec.commandLine().getOut());
        return result == Autopilot.Result.COMPLETED ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }
}
