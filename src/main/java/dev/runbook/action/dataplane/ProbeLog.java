package dev.runbook.action.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.action.RunFiles;
import dev.runbook.action.TimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The downtime probe's record in the run folder ({@code probe.jsonl}, owner-only), written as the probe measures,
 * so that what it saw survives the process: a crash, a SIGKILL or a quit loses no outage already measured, and
 * {@code resume} (which starts the probe again) can say exactly which stretch was not measured.
 *
 * <p>One line per event; each carries the run's clock ({@code run}, a rehearsal's simulated time, so it lines up
 * with the journal and with AWS's events). A probe's life in one process is a <em>segment</em>: it opens with
 * {@code started} (with the time scale), gets an {@code alive} line every {@link #HEARTBEAT} of real time (the
 * last one bounds when a dead process last measured), {@code outage-started} / {@code outage-ended} (real
 * milliseconds, scaled when read), and ends with {@code stopped} (the stop step) or {@code closed} (the process
 * left: quit, end, signal); a segment that just stops had its process killed.
 *
 * <p>A write that fails (a full disk) is logged once and the probe goes on measuring in memory.
 */
public final class ProbeLog {
    static final String FILE = "probe.jsonl";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ProbeLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a segment ended. */
    public enum End {
        /** The stop step stopped the probe: measuring is over. */
        STOPPED,
        /** The process left with the probe running (quit, the run's end, a signal). */
        CLOSED,
        /** Nothing says: the process was killed (its last line is the last thing known). */
        LOST
    }

    /** An outage on the run's clock; {@code millis} in the endpoint's time (a rehearsal's, scaled). */
    public record Window(Instant start, long millis) {
    }

    /** One probe's life in one process. */
    public record Segment(String id, Instant start, Instant last, double scale, List<Window> outages, long probes, long failures,
                          boolean cutInOutage, End end) {
    }

    private final Path file;
    private final TimeSource clock;
    private boolean failed;
    private long lastAliveNanos;

    private ProbeLog(Path file, TimeSource clock) {
        this.file = file;
        this.clock = clock;
    }

    /** A log in {@code runDir}; none when the run has no folder. */
    static Optional<ProbeLog> in(Path runDir, TimeSource clock) {
        return runDir == null ? Optional.empty() : Optional.of(new ProbeLog(runDir.resolve(FILE), clock));
    }

    Path file() {
        return file;
    }

    /** Starts a new record (the probe-start step): an older file of the same run folder is replaced. */
    synchronized void fresh() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            fail(e);
        }
    }

    synchronized void started(String id, double scale, Duration interval) {
        ObjectNode n = line("started");
        n.put("segment", id);
        n.put("scale", scale);
        n.put("interval-ms", interval.toMillis());
        write(n);
        lastAliveNanos = System.nanoTime();
    }

    /** An {@code alive} line when a heartbeat's worth of real time has passed since the last one. */
    synchronized void alive(long probes, long failures) {
        long now = System.nanoTime();
        if (now - lastAliveNanos >= HEARTBEAT.toNanos()) {
            lastAliveNanos = now;
            write(counts(line("alive"), probes, failures));
        }
    }

    synchronized void outageStarted() {
        write(line("outage-started"));
    }

    synchronized void outageEnded(long realMillis) {
        ObjectNode n = line("outage-ended");
        n.put("millis", realMillis);
        write(n);
    }

    synchronized void ended(End how, long probes, long failures) {
        write(counts(line(how == End.STOPPED ? "stopped" : "closed"), probes, failures));
    }

    private ObjectNode line(String event) {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", event);
        n.put("run", clock.now().toString());
        return n;
    }

    private static ObjectNode counts(ObjectNode n, long probes, long failures) {
        n.put("probes", probes);
        n.put("failures", failures);
        return n;
    }

    private void write(ObjectNode n) {
        if (failed) {
            return;
        }
        try {
            if (!Files.exists(file)) {
                RunFiles.createOwnerOnly(file);
            }
            Files.writeString(file, n.toString() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        failed = true;
        LOG.warn("cannot write the downtime probe's record {} ({}): the probe goes on measuring in memory only; "
                + "what it measured is lost if this process dies", file, RunFiles.why(e));
    }

    /** The segments in the file, oldest first; empty when there is no file. Unreadable lines are skipped. */
    static List<Segment> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Segment> out = new ArrayList<>();
        Builder open = null;
        for (String raw : lines) {
            JsonNode n;
            Instant at;
            try {
                n = JSON.readTree(raw);
                at = Instant.parse(n.path("run").asText());
            } catch (IOException | RuntimeException e) {
                continue; // a line torn by the kill
            }
            String event = n.path("event").asText();
            if (event.equals("started")) {
                if (open != null) {
                    out.add(open.build());
                }
                open = new Builder(n.path("segment").asText(""), at, n.path("scale").asDouble(1.0));
                continue;
            }
            if (open == null) {
                continue;
            }
            open.last = at;
            switch (event) {
                case "outage-started" -> open.outageStart = at;
                case "outage-ended" -> {
                    Instant from = open.outageStart == null ? at : open.outageStart;
                    open.outages.add(new Window(from, Math.round(n.path("millis").asLong() * open.scale)));
                    open.outageStart = null;
                }
                case "stopped", "closed" -> open.end = event.equals("stopped") ? End.STOPPED : End.CLOSED;
                default -> {
                }
            }
            if (n.has("probes")) {
                open.probes = n.path("probes").asLong();
                open.failures = n.path("failures").asLong();
            }
        }
        if (open != null) {
            out.add(open.build());
        }
        return out;
    }

    private static final class Builder {
        final String id;
        final Instant start;
        final double scale;
        final List<Window> outages = new ArrayList<>();
        Instant last;
        Instant outageStart;
        long probes;
        long failures;
        End end = End.LOST;

        Builder(String id, Instant start, double scale) {
            this.id = id;
            this.start = start;
            this.last = start;
            this.scale = scale;
        }

        Segment build() {
            boolean cut = outageStart != null;
            if (cut) { // open when the process died: counted up to the last thing known of it
                outages.add(new Window(outageStart, Duration.between(outageStart, last).toMillis()));
            }
            return new Segment(id, start, last, scale, List.copyOf(outages), probes, failures, cut, end);
        }
    }

    /**
     * The latest moment of the run's clock the probe's record in {@code runDir} reached, if it has one: a
     * rehearsal resumed after a kill must not start its clock earlier than what the dead process already measured
     * (its journal's last event can be minutes older, from before a long wait).
     */
    public static Optional<Instant> lastTime(Path runDir) {
        return segments(runDir.resolve(FILE)).stream().map(Segment::last).max(Instant::compareTo);
    }

    /** This log's segments, as {@link #read} gives them; none (with a warning in the log) when the file is unreadable. */
    List<Segment> segments() {
        return segments(file);
    }

    private static List<Segment> segments(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            LOG.warn("cannot read the downtime probe's record {} ({}): what earlier processes measured is not counted",
                    file, RunFiles.why(e));
            return List.of();
        }
    }

    /** "04:31:02" of an instant, UTC, for one line of a summary. */
    static String clock(Instant t) {
        return String.format(Locale.ROOT, "%tT", t.atZone(ZoneOffset.UTC));
    }
}
