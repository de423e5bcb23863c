package dev.runbook.run;

import dev.runbook.action.RunFiles;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs folder: creates a new run's owner-only folder {@code <runs-dir>/<yyyyMMdd-HHmmss>-<env>} and
 * points the log at its {@code runbook.log}; lists earlier runs for {@code resume} and {@code report}.
 */
public final class Runs {
    public static final String LOG_FILE = "runbook.log";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static PrintStream ours;
    private static Path current;
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
     * Sends the process's log to {@code dir/runbook.log}, appended to (a resumed run keeps what came before).
     * slf4j-simple writes to whatever {@code System.err} is at each line ({@code simplelogger.properties}),
     * so this works whenever the first logger was made; pointing slf4j-simple at the file itself would
     * truncate it and would be ignored once a logger exists. The terminal never gets a log line (it would
     * tear the TUI): operator messages go through the command's own writers.
     */
    public static synchronized void logTo(Path dir) {
        logToFile(dir.resolve(LOG_FILE));
    }

    /** Like {@link #logTo} for a file outside any run folder (a failure before a run folder existed). */
    public static synchronized void logToFile(Path log) {
        PrintStream stream;
        try {
            RunFiles.createOwnerOnly(log);
            stream = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log, e);
        }
        PrintStream old = System.err;
        System.setErr(stream);
        if (old == ours) {
            old.close();
        }
        ours = stream;
        current = log;
    }

    /** The file the log goes to now, if {@link #logTo} pointed it at one. */
    public static synchronized Optional<Path> currentLog() {
        return Optional.ofNullable(current);
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
                Files.write(kept, Files.readAllBytes(log), StandardOpenOption.APPEND);
            }
            delete(dir);   // everything a backend made there too (a real engine's data dir)
        } catch (IOException | UncheckedIOException e) {
            // best effort: the folder stays, without a journal, which resume and report do not list
        }
        return kept;
    }

    /** Removes the folder of a run that never started, and everything in it. */
    public static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
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
