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

    /**
     * Removes a run folder of a run that never started (nothing was journaled), keeping its log's lines in the
     * fallback log in the temp folder so that the details of why it never started are not lost. Returns where
     * those lines went, or null when there were none.
     */
    public static Path discard(Path dir) {
        Path kept = null;
        try {
            Path log = dir.resolve(LOG_FILE);
            if (Files.isRegularFile(log) && Files.size(log) > 0) {
                kept = Path.of(System.getProperty("java.io.tmpdir"),
                        "valkey-runbook-" + System.getProperty("user.name", "user") + ".log");
                RunFiles.createOwnerOnly(kept);
                Files.write(kept, Files.readAllBytes(log), java.nio.file.StandardOpenOption.APPEND);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: the folder stays, without a journal, which resume and report do not list
        }
        return kept;
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
