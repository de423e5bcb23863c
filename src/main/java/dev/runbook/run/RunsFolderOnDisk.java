package dev.runbook.run;

import dev.runbook.action.RunsFolder;
import java.nio.file.Path;
import java.util.List;

/** {@link RunsFolder} over the run folders next to this run's, each journal read by {@link JournalReplay}. */
final class RunsFolderOnDisk implements RunsFolder {
    private final Path self;

    RunsFolderOnDisk(Path self) {
        this.self = self.toAbsolutePath().normalize();
    }

    @Override
    public List<Unfinished> unfinished() {
        Path root = self.getParent();
        if (root == null) {
            return List.of();
        }
        return new Runs(root).list().stream().filter(p -> !p.toAbsolutePath().normalize().equals(self))
                .map(p -> JournalReplay.of(Journal.read(p.resolve(Journal.FILE))))
                .filter(r -> !r.finished())
                .map(r -> new Unfinished(r.runId(), r.startFact("replication-group").orElse(""),
                        r.startFact("mode").orElse("")))
                .toList();
    }
}
