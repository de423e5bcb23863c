package dev.runbook.report;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.RunFiles;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.report.picture.Pictures;
import dev.runbook.run.Journal;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.JournalSecrets;
import dev.runbook.run.PreflightSummary;
import dev.runbook.run.RecordedStart;
import dev.runbook.run.Run;
import dev.runbook.runbook.RunbookLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Writes the completion report of a run — finished, failed or aborted — into its folder as {@code report.md}
 * and {@code report.json}, built from the journal alone, and prints the Markdown. {@code report [RUN_ID]}
 * rebuilds the same from a run folder.
 */
public final class ReportWriter {
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "report.json";

    private ReportWriter() {
    }

    /** Writes the run's report from its journal, prints it to {@code out}, and returns the Markdown's path. */
    public static Path finish(Run run, PrintWriter out) {
        return write(run.dir(), Optional.of(run.settings()), JournalSecrets.of(run.environment()), out);
    }

    /**
     * The steps of the runbook the run in {@code runDir} started with (its recorded copy), for the environment
     * of its settings; empty for a run without a readable copy (then the journal's steps are listed).
     */
    static Optional<List<PlannedStep>> plan(Path runDir, JournalReplay replay, Optional<Settings> current) {
        try {
            Path recordedSettings = runDir.resolve(RecordedStart.SETTINGS);
            Optional<Settings> settings = Files.isRegularFile(recordedSettings)
                    ? Optional.of(Settings.loadRecorded(recordedSettings)) : current;
            String env = replay.startFact("environment").orElse("");
            Path runbook = runDir.resolve(RecordedStart.RUNBOOK);
            if (settings.isEmpty() || !settings.get().environments().containsKey(env) || !Files.isRegularFile(runbook)) {
                return Optional.empty();
            }
            Environment e = settings.get().environment(env);
            return Optional.of(PlannedStep.of(new RunbookLoader(ActionRegistry.standard()).load(runbook, e), e));
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ReportWriter.class).warn("the report lists the journal's steps: the"
                    + " recorded runbook of {} cannot be read", runDir, e);
            return Optional.empty();
        }
    }

    /** Rebuilds the report of the run in {@code runDir} from its journal, writes and prints it. */
    public static Path write(Path runDir, Optional<Settings> settings, JournalSecrets secrets, PrintWriter out) {
        Journal.Contents journal = Journal.read(runDir.resolve(Journal.FILE));
        JournalReplay replay = JournalReplay.of(journal);
        CompletionReport report = CompletionReportBuilder.build(replay, settings, plan(runDir, replay, settings));
        Pictures pictures = Pictures.of(journal.events(), report, settings);
        String md = secrets.mask(MarkdownReport.render(report, pictures.files().keySet()));
        Path file = runDir.resolve(MARKDOWN);
        try {
            RunFiles.write(file, md);
            RunFiles.write(runDir.resolve(JSON), secrets.mask(JsonReport.render(report)));
            for (var picture : pictures.files().entrySet()) {
                RunFiles.write(runDir.resolve(picture.getKey()), secrets.mask(picture.getValue()));
            }
            RunFiles.write(runDir.resolve(Pictures.HTML), secrets.mask(pictures.html(report.header().title(), md)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir, e);
        }
        out.print(md);
        out.println();
        out.println("report: " + file + " and " + runDir.resolve(JSON) + " (with pictures: "
                + runDir.resolve(Pictures.HTML) + ")");
        if (report.preflight() != null) {
            // a dry run ends with its one summary, last on the screen
            out.println();
            out.println(secrets.mask(String.join("\n", PreflightSummary.of(replay).lines())));
        }
        out.flush();
        return file;
    }

    public static CompletionReport build(Path runDir, Optional<Settings> settings) {
        JournalReplay replay = replay(runDir);
        return CompletionReportBuilder.build(replay, settings, plan(runDir, replay, settings));
    }

    private static JournalReplay replay(Path runDir) {
        return JournalReplay.of(Journal.read(runDir.resolve(Journal.FILE)));
    }
}
