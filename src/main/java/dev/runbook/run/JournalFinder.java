package dev.runbook.run;

import dev.runbook.config.InvalidInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a run's folder under the runs folder for {@code report} and {@code resume}: by id, or the newest
 * (unfinished) one. A wrong id is one line listing the ids there are.
 */
public final class JournalFinder {
    private JournalFinder() {
    }

    /** The run {@code id}, or when {@code id} is null the newest run (only unfinished ones if asked). */
    public static Path find(Runs runs, String id, boolean unfinishedOnly) {
        List<Path> all = runs.list();
        if (id != null) {
            return all.stream().filter(p -> p.getFileName().toString().equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("no run " + id + " under " + runs.root()
                            + (all.isEmpty() ? " (there are no runs)" : "; known runs: " + ids(all))));
        }
        if (all.isEmpty()) {
            throw new InvalidInputException("there are no runs under " + runs.root() + " (pass --runs-dir DIR)");
        }
        if (!unfinishedOnly) {
            return all.get(0);
        }
        return all.stream().filter(p -> !JournalReplay.of(Journal.read(p.resolve(Journal.FILE))).finished())
                .findFirst().orElseThrow(() -> new InvalidInputException("every run under " + runs.root()
                        + " has ended; nothing to resume (known runs: " + ids(all) + ")"));
    }

    private static String ids(List<Path> runs) {
        return String.join(", ", runs.stream().map(p -> p.getFileName().toString()).toList());
    }
}
