package dev.runbook.cli;

import dev.runbook.config.InvalidInputException;
import dev.runbook.aws.Backend;
import dev.runbook.run.RecordedStart;
import java.io.PrintWriter;
import dev.runbook.config.Settings;
import dev.runbook.run.Confirmer;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.Run;
import dev.runbook.run.RunLock;
import dev.runbook.run.Runs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
     * Builds the Run that continues an old run: same id and folder, the journal reopened for appending (never
     * a new run-started event), the environment and mode from the old run-started facts, and for a rehearsal
     * the simulation seeded by each sent step's {@code Action.reseed}. Returns null when the operator
     * declined to proceed. The real one is {@code ResumeOpener}; tests pass their own.
     */
    public interface RunOpener {
        Opened open(String runId, Path dir, JournalReplay replay, Settings settings, boolean nonInteractive);
    }

    /** The continued run and who answers its confirmations (the TUI, or the autopilot's confirmer). */
    public record Opened(Run run, Confirmer confirmer) {
    }

    private final RunOpener opener;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ReportCommand.RunChoice choice;

    @Option(names = "--non-interactive", description = "Drive the rest without the TUI (rehearsal and dry-run only).")
    boolean nonInteractive;

    /** Where the y/N answer of a live or dry-run resume comes from. */
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    /** Resumes with the real backends ({@link ResumeOpener}). */
    public ResumeCommand() {
        this(null);
    }

    public ResumeCommand(RunOpener opener) {
        this.opener = opener;
    }

    @Override
    public Integer call() {
        Settings current = common.settings();
        Path dir = choice.find(current, true);
        try (RunLock lock = RunLock.take(dir)) {
            return resume(current, dir);
        }
    }

    private int resume(Settings current, Path dir) {
        JournalReplay replay = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE)));
        String id = dir.getFileName().toString();
        if (replay.finished()) {
            throw new InvalidInputException(Run.endedHint(id) + " (it ended: " + replay.endSummary() + ")");
        }
        RunSetup.refuseNonInteractiveLive(nonInteractive, !"LIVE".equals(replay.startFact("mode").orElse("")));
        Runs.logTo(dir);
        RecordedStart.ForResume recorded = RecordedStart.forResume(dir, replay, current, common.runbook());
        PrintWriter out = spec.commandLine().getOut();
        recorded.lines().forEach(out::println);
        out.flush();
        RunSetup setup = new RunSetup(common, nonInteractive, out);
        setup.requireTerminal();
        Opened opened = (opener != null ? opener : new ResumeOpener(setup, in, recorded.runbook()))
                .open(id, dir, replay, recorded.settings(), nonInteractive);
        if (opened == null) {
            return setup.declined(dir);
        }
        // the TUI clears the terminal: there what resume uses goes into the screen's log (and runbook.log)
        Logger log = LoggerFactory.getLogger(ResumeCommand.class);
        for (String line : recorded.lines()) {
            if (nonInteractive) {
                log.info(line);
            } else {
                opened.run().log(line);
            }
        }
        try (Journal journal = opened.run().journal(); Backend backend = opened.run().backend()) {
            return setup.drive(opened.run(), RunSetup.RESUMED, opened.confirmer());
        }
    }
}
