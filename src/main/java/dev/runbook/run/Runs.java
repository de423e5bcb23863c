package dev.runbook.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs folder: creates a new run's owner-only folder {@code <runs-dir>/<yyyyMMdd-HHmmss>-<env>} and
 * points the log at its {@code runbook.log}; lists earlier runs for {@code resume} and {@code report}.
 */
public final class Runs {
    public static final String LOG_FILE = "runbook.log";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Path root;

    public Runs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates a new run folder for {@code env}; the id is unique even for two runs in the same second. */
    public Path create(String env, Instant now) {
        try {
            RunFiles.createOwnerOnlyDirectories(root);
            String base = ID.format(now) + "-" + env;
            Path dir = root.resolve(base);
            for (int i = 2; Files.exists(dir); i++) {
                dir = root.resolve(base + "-" + i);
            }
            RunFiles.createOwnerOnlyDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder under " + root, e);
        }
    }

    /**
     * Sends the process's log (slf4j-simple) to {@code dir/runbook.log}. Must run before the first logger is
     * created; the log never goes to the terminal, where it would tear the TUI.
     */
    public static void logTo(Path dir) {
        Path log = dir.resolve(LOG_FILE);
        try {
            RunFiles.createOwnerOnly(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log, e);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    }

    /** Run folders, newest first (ids sort by time). */
    public List<Path> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(Journal.FILE)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
