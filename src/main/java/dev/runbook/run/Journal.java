package dev.runbook.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's journal: one JSON line per event, appended and forced to disk before the run goes on, so that
 * after a crash the journal alone rebuilds the run. A torn last line (crash mid-write) is skipped on read
 * and reported, never fatal.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final FileChannel channel;
    private volatile JournalSecrets secrets = JournalSecrets.none();

    private Journal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating owner-only) the journal in {@code runDir} for appending. */
    public static Journal open(Path runDir) {
        Path file = runDir.resolve(FILE);
        try {
            RunFiles.createOwnerOnly(file);
            boolean torn = endsTorn(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (torn) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                channel.force(false);
            }
            return new Journal(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
    }

    /**
     * A crash mid-write leaves a last line without its newline; resume appends after it, so end that line
     * first, or the first new event would be glued to the torn one and lost with it.
     */
    private static boolean endsTorn(Path file) throws IOException {
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = read.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /** Masks {@code secrets} (the configured auth token) in every line written from now on. */
    public void hide(JournalSecrets secrets) {
        this.secrets = secrets;
    }

    public Path file() {
        return file;
    }

    /** Appends one event and forces it to disk before returning. */
    public synchronized void append(JournalEvent event) {
        try {
            String line = secrets.mask(JSON.writeValueAsString(event)) + "\n";
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
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
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
