package dev.runbook.run;

import dev.runbook.action.RunFiles;
import dev.runbook.config.Environment;
import dev.runbook.config.InvalidInputException;
import dev.runbook.config.Settings;
import dev.runbook.runbook.RunbookLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook and the effective settings a run started with, kept in its folder ({@code runbook.conf},
 * {@code settings.conf}, owner-only) so that {@code resume} continues the same run: it uses exactly these,
 * says so, and names every key and step where the operator's current files (or {@code -D} flags) differ.
 * The settings hold no secret (only the names of the variables and files that hold the auth token).
 */
public final class RecordedStart {
    public static final String RUNBOOK = "runbook.conf";
    public static final String SETTINGS = "settings.conf";

    /** What resume goes on with: the files, the settings read from them, and what it tells the operator. */
    public record ForResume(Path runbook, Settings settings, List<String> lines) {
    }

    private RecordedStart() {
    }

    /** Copies the runbook file and writes the effective settings into a new run's folder. */
    public static void record(Path dir, Path runbook, Settings settings) {
        try {
            RunFiles.createOwnerOnly(dir.resolve(RUNBOOK));
            Files.copy(runbook, dir.resolve(RUNBOOK), StandardCopyOption.REPLACE_EXISTING);
            RunFiles.restrict(dir.resolve(RUNBOOK));
            RunFiles.write(dir.resolve(SETTINGS), "# The effective settings run " + dir.getFileName()
                    + " started with (" + settings.file() + ", -D overrides, defaults). resume reads these.\n"
                    + settings.effectiveText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the runbook and settings in " + dir, e);
        }
    }

    /**
     * The runbook and settings to resume the run in {@code dir} with: the recorded ones, else (a run from an
     * older build) the files its journal names, else the operator's current ones. {@code current} are the
     * operator's settings now (null when they cannot be read); {@code currentRunbook} the runbook file now.
     */
    public static ForResume forResume(Path dir, JournalReplay replay, Settings current, Path currentRunbook) {
        String id = dir.getFileName().toString();
        List<String> lines = new ArrayList<>();
        Path recordedSettings = dir.resolve(SETTINGS);
        Path recordedRunbook = dir.resolve(RUNBOOK);
        Settings settings;
        Path runbook;
        if (Files.isRegularFile(recordedSettings) && Files.isRegularFile(recordedRunbook)) {
            settings = Settings.loadRecorded(recordedSettings);
            runbook = recordedRunbook;
            lines.add("resume uses the runbook and settings run " + id + " started with (" + recordedRunbook
                    + ", " + recordedSettings + "), not the current files");
        } else {
            if (current == null) {
                throw new InvalidInputException("run " + id + " has no recorded settings and the current ones "
                        + "cannot be read: fix them, then resume");
            }
            settings = current;
            runbook = replay.startFact("runbook").map(Path::of).filter(Files::isRegularFile).orElse(currentRunbook);
            lines.add("run " + id + " has no recorded runbook and settings (started by an older build): resume uses "
                    + runbook + " and " + current.file());
            return new ForResume(runbook, settings, lines);
        }
        Environment env = environment(id, settings, replay);
        if (current != null) {
            settings.differencesFrom(current, "at the start", "now").forEach(d -> lines.add("settings differ: " + d));
        }
        lines.addAll(runbookDifferences(runbook, currentRunbook, env));
        if (lines.size() > 1) {
            lines.add("the recorded runbook and settings are used; to run with the current ones, start a new run");
        }
        return new ForResume(runbook, settings, lines);
    }

    private static Environment environment(String id, Settings settings, JournalReplay replay) {
        String name = replay.startFact("environment").orElse("");
        if (!settings.environments().containsKey(name)) {
            throw new InvalidInputException("run " + id + " was for environment '" + name + "', which "
                    + settings.file() + " does not define: cannot resume it");
        }
        return settings.environment(name);
    }

    /** One line per step added, removed or changed in the current runbook against the recorded one. */
    private static List<String> runbookDifferences(Path recorded, Path current, Environment env) {
        List<String> out = new ArrayList<>();
        Map<String, String> was = RunbookLoader.stepDefinitions(recorded, env);
        Optional<Map<String, String>> now;
        try {
            now = Optional.of(RunbookLoader.stepDefinitions(current, env));
        } catch (InvalidInputException e) {
            out.add("runbook differs: the current runbook cannot be read (" + e.getMessage() + ")");
            return out;
        }
        for (Map.Entry<String, String> e : was.entrySet()) {
            String other = now.get().get(e.getKey());
            String what = e.getKey().equals("(runbook)") ? "its id or title" : "step " + e.getKey();
            if (other == null) {
                out.add("runbook differs: " + what + " is not in " + current);
            } else if (!other.equals(e.getValue())) {
                out.add("runbook differs: " + what + " is defined differently in " + current);
            }
        }
        now.get().keySet().stream().filter(k -> !was.containsKey(k))
                .forEach(k -> out.add("runbook differs: step " + k + " is only in " + current));
        if (out.isEmpty() && !List.copyOf(was.keySet()).equals(List.copyOf(now.get().keySet()))) {
            out.add("runbook differs: " + current + " has the same steps in another order");
        }
        return out;
    }
}
