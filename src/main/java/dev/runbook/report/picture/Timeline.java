package dev.runbook.report.picture;

import dev.runbook.config.MaintenanceWindow;
import dev.runbook.run.JournalEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run on a time axis, read from its journal alone: one bar per attempt of a step, the outages the downtime
 * probe measured, the maintenance window's bounds, the point of no return, drills and resumes. Facts are read
 * by name (the probe's {@code probe-started-at} and {@code outage-windows}, the engine change's
 * {@code upgrade-requested-at} / {@code applied-at}), never by a runbook's step ids.
 */
record Timeline(Instant start, Instant end, List<Bar> bars, List<Span> outages, List<Span> unmeasured,
                List<Span> windows, Optional<Instant> pointOfNoReturn, List<Mark> marks) {

    /** How an attempt ended; each has a text mark, so nothing depends on colour alone. */
    enum Ending {
        DONE("✓", "done", "#2e7d32"), FAILED("✗", "failed", "#c62828"), SKIPPED("-", "skipped", "#9e9e9e"),
        WOULD_RUN("~", "would run", "#1565c0"), CANNOT_CHECK("?", "cannot check", "#fbc02d"), RECONCILED("↺", "reconciled on resume", "#6a1b9a"),
        INTERRUPTED("!", "interrupted", "#ef6c00");

        final String mark;
        final String word;
        final String colour;

        Ending(String mark, String word, String colour) {
            this.mark = mark;
            this.word = word;
            this.colour = colour;
        }

        static Ending of(JournalEvent.Kind event) {
            return switch (event) {
                case SUCCEEDED -> DONE;
                case SKIPPED -> SKIPPED;
                case WOULD_RUN -> WOULD_RUN;
                case CANNOT_CHECK -> CANNOT_CHECK;
                case RECONCILED -> RECONCILED;
                default -> FAILED;
            };
        }
    }

    /** One attempt of one step. */
    record Bar(String step, Instant from, Instant to, Ending ending, int attempt) {
    }

    /** A stretch of time (an outage, an open maintenance window). */
    record Span(Instant from, Instant to, String label) {
    }

    /** A moment worth a marker: a drill, a resume, the rollback's start. */
    record Mark(Instant at, String label) {
    }

    /** The timeline of {@code events}; {@code window} (the environment's) draws its openings when known. */
    static Timeline of(List<JournalEvent> events, Optional<MaintenanceWindow> window) {
        if (events.isEmpty()) {
            Instant now = Instant.EPOCH;
            return new Timeline(now, now, List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of());
        }
        Instant start = Instant.parse(events.get(0).ts());
        Instant end = start;
        Map<String, Instant> open = new LinkedHashMap<>();
        Map<String, Integer> attempts = new LinkedHashMap<>();
        List<Bar> bars = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        Instant probeStart = null;
        String outageWindows = null;
        String unmeasuredWindows = null;
        Instant noReturn = null;
        for (JournalEvent e : events) {
            Instant at = Instant.parse(e.ts());
            end = at.isAfter(end) ? at : end;
            Map<String, String> facts = e.facts() == null ? Map.of() : e.facts();
            switch (e.kind()) {
                case RUN_STARTED -> {
                    String drills = facts.getOrDefault("drills", "none");
                    if (!"none".equals(drills)) {
                        marks.add(new Mark(at, "drill: " + drills));
                    }
                }
                case RESUMED -> {
                    // what was in flight when the process died ends at the crash, as far as the journal knows
                    open.forEach((step, from) -> bars.add(new Bar(step, from, at, Ending.INTERRUPTED,
                            attempts.get(step))));
                    open.clear();
                    marks.add(new Mark(at, "resumed"));
                }
                case ROLLBACK_STARTED -> marks.add(new Mark(at, "rollback started"));
                case STARTED -> {
                    open.put(e.step(), at);
                    attempts.merge(e.step(), 1, Integer::sum);
                }
                default -> {
                }
            }
            if (e.step() != null && e.kind().endsStep()) {
                Instant from = open.remove(e.step());
                int attempt = from == null ? attempts.merge(e.step(), 1, Integer::sum) : attempts.get(e.step());
                bars.add(new Bar(e.step(), from == null ? at : from, at, Ending.of(e.kind()), attempt));
                if (facts.containsKey("probe-started-at")) {
                    probeStart = Instant.parse(facts.get("probe-started-at"));
                }
                if (facts.containsKey("outage-windows")) {
                    outageWindows = facts.get("outage-windows");
                }
                if (facts.containsKey("unmeasured-windows")) {
                    unmeasuredWindows = facts.get("unmeasured-windows");
                }
                if (noReturn == null && e.kind() == JournalEvent.Kind.SUCCEEDED
                        && (facts.containsKey("upgrade-requested-at") || facts.containsKey("applied-at"))) {
                    noReturn = from == null ? at : from;
                }
            }
        }
        Instant last = end;
        open.forEach((step, from) -> bars.add(new Bar(step, from, last, Ending.INTERRUPTED, attempts.get(step))));
        List<Span> outages = spans(probeStart, outageWindows, "outage");
        List<Span> unmeasured = spans(probeStart, unmeasuredWindows, "not measured (no runbook process probing)");
        List<Span> windows = window.map(w -> windows(w, start, last)).orElse(List.of());
        return new Timeline(start, end, bars, outages, unmeasured, windows, Optional.ofNullable(noReturn), marks);
    }

    /**
     * {@code outage-windows} (or {@code unmeasured-windows}) = "offsetMs+durationMs,..." from the probe's start, in
     * the endpoint's time.
     */
    private static List<Span> spans(Instant probeStart, String windows, String what) {
        List<Span> out = new ArrayList<>();
        if (probeStart == null || windows == null || windows.isBlank()) {
            return out;
        }
        for (String w : windows.split(",")) {
            String[] parts = w.trim().split("\\+");
            if (parts.length == 2) {
                Instant from = probeStart.plusMillis(Long.parseLong(parts[0]));
                long ms = Long.parseLong(parts[1]);
                out.add(new Span(from, from.plusMillis(ms), what + " " + Duration.ofMillis(ms).toSeconds() + " s"));
            }
        }
        return out;
    }

    /** The window's openings that overlap the run, each clipped to it. */
    private static List<Span> windows(MaintenanceWindow w, Instant start, Instant end) {
        List<Span> out = new ArrayList<>();
        Instant open = w.currentOrNextStart(start);
        for (int i = 0; i < 8 && open.isBefore(end); i++) {
            Instant close = open.plus(w.length());
            out.add(new Span(open, close, "maintenance window " + w));
            open = w.nextOpening(close);
        }
        return out;
    }
}
