package dev.runbook.run;

import dev.runbook.action.RunFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's journal: one JSON line per event, appended and forced to disk before the run goes on, so that
 * after a crash the journal alone rebuilds the run. A torn last line (crash mid-write) is skipped on read
 * and reported, never fatal.
 *
 * <p>Written through a {@link RandomAccessFile}, not a {@code FileChannel}: a channel closes itself for good when
 * the writing thread is interrupted (quit, Ctrl-C, a signal), and the interruption is exactly when the journal
 * must still take its last lines. A line that cannot be written whole (a full disk) is cut off again, so the
 * journal never ends torn because of it, and the error names the cause ("No space left on device").
 */
public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final RandomAccessFile out;
    private volatile JournalSecrets secrets = JournalSecrets.none();

    private Journal(Path file, RandomAccessFile out) {
        this.file = file;
        this.out = out;
    }

    /** Opens (creating owner-only) the journal in {@code runDir} for appending. */
    public static Journal open(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            RunFiles.createOwnerOnly(file);
            RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
            long size = out.length();
            if (size > 0) {
                out.seek(size - 1);
                if (out.read() != '\n') {
                    out.write('\n');
                    out.getFD().sync();
                }
            }
            return new Journal(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file + ": " + RunFiles.why(e), e);
        }
    }

    /** Masks {@code secrets} (the configured auth token) in every line written from now on. */
    public void hide(JournalSecrets secrets) {
        this.secrets = secrets;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one event and forces it to disk before returning. A crash mid-write leaves a last line without its
     * newline; {@link #open} ends that line first, or the first new event would be glued to the torn one.
     */
    public synchronized void append(JournalEvent event) {
        byte[] line;
        try {
            line = (secrets.mask(JSON.writeValueAsString(event)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal event cannot be written as JSON", e);
        }
        long before = -1;
        try {
            before = out.length();
            out.seek(before);
            out.write(line);
            out.getFD().sync();
        } catch (IOException e) {
            cutBackTo(before);
            throw new UncheckedIOException("cannot write the journal " + file + ": " + RunFiles.why(e)
                    + " (the run stopped here; fix that, then resume)", e);
        }
    }

    /** Removes what a failed write left of its line (a full disk writes part of it). */
    private void cutBackTo(long length) {
        if (length < 0) {
            return;
        }
        try {
            out.setLength(length);
        } catch (IOException e) {
            // the torn line stays; reading skips it and says so
        }
    }

    /** What a journal file holds: the events that parsed, and the lines that did not (a torn last line). */
    public record Contents(List<JournalEvent> events, List<String> problems) {
    }

    public static Contents read(Path file) {
        List<JournalEvent> events = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(JSON.readValue(line, JournalEvent.class));
            } catch (JsonProcessingException e) {
                problems.add(file + ":" + (i + 1) + ": unreadable journal line skipped"
                        + (i == lines.size() - 1 ? " (torn last line: the run was interrupted mid-write)" : ""));
            }
        }
        return new Contents(events, problems);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
