package dev.runbook.action.dataplane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the downtime probe measured in a run, across the processes the run lived in: the segments of
 * its record, oldest first, and the gaps between them — stretches when no process was probing (from the last
 * thing known of a killed or departed process to the probe's restart by {@code resume}), in which an outage
 * may have happened unseen.
 */
record ProbeHistory(List<ProbeLog.Segment> segments) {
    /** A stretch nobody measured, on the run's clock. */
    record Gap(Instant from, Instant to, ProbeLog.End after) {
        long millis() {
            return Duration.between(from, to).toMillis();
        }

        /** The same stretch as a window (start, length). */
        ProbeLog.Window window() {
            return new ProbeLog.Window(from, millis());
        }
    }

    ProbeHistory {
        segments = List.copyOf(segments);
    }

    /** The earlier segments of the record (not {@code current}'s), then the current one. */
    static ProbeHistory of(List<ProbeLog.Segment> fromFile, ProbeLog.Segment current) {
        List<ProbeLog.Segment> all = new ArrayList<>(fromFile.stream()
                .filter(s -> current == null || !s.id().equals(current.id())).toList());
        if (current != null) {
            all.add(current);
        }
        return new ProbeHistory(all);
    }

    /** The segment the probe of this process measured, from its in-memory report (scaled to the endpoint's time). */
    static ProbeLog.Segment current(DowntimeProbe probe, DowntimeProbe.Report r, Instant runNow) {
        double scale = probe.timeScale();
        Instant runStart = probe.runStartedAt();
        List<ProbeLog.Window> windows = r.outages().stream().map(o -> new ProbeLog.Window(runStart.plusMillis(
                Math.round(Duration.between(probe.startedAt(), o.start()).toMillis() * scale)),
                Math.round(o.millis() * scale))).toList();
        return new ProbeLog.Segment(probe.segment(), runStart, runNow, scale, windows, r.probes(), r.failures(),
                r.endedInOutage(), ProbeLog.End.STOPPED);
    }

    List<ProbeLog.Window> outages() {
        return segments.stream().flatMap(s -> s.outages().stream()).toList();
    }

    long totalMillis() {
        return outages().stream().mapToLong(ProbeLog.Window::millis).sum();
    }

    long longestMillis() {
        return outages().stream().mapToLong(ProbeLog.Window::millis).max().orElse(0);
    }

    long probes() {
        return segments.stream().mapToLong(ProbeLog.Segment::probes).sum();
    }

    /** The stretches between segments; and after the last one, up to {@code now}, when it was not stopped. */
    List<Gap> gaps(Instant now) {
        List<Gap> out = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            ProbeLog.Segment s = segments.get(i);
            Instant to = i + 1 < segments.size() ? segments.get(i + 1).start() : s.end() == ProbeLog.End.STOPPED ? null : now;
            if (to != null && to.isAfter(s.last())) {
                out.add(new Gap(s.last(), to, s.end()));
            }
        }
        return out;
    }

    /** Any earlier segment ended with its process killed while the endpoint was not answering. */
    boolean cutInOutage() {
        return segments.stream().limit(Math.max(0, segments.size() - 1)).anyMatch(ProbeLog.Segment::cutInOutage);
    }
}
