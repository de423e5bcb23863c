package dev.runbook.action.dataplane;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ReportKind;
import dev.runbook.action.elasticache.EventReader;
import dev.runbook.action.elasticache.GroupState;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.runbook.config.Thresholds;

/**
 * {@code dataplane.downtime-probe}: {@code phase = start} starts a {@link DowntimeProbe} held for the run;
 * {@code phase = downtime} (after the upgrade) records total downtime, longest outage and the number of outages,
 * next to the guide's dev estimate of 5-10 minutes, and keeps probing; {@code phase = stop} (after the monitoring)
 * ends it, records the same over the whole probe and judges the PING latency after the change against before
 * ({@code thresholds.probe-p99-ms}, by {@code thresholds.on-breach}).
 */
public record DowntimeProbeStep(Phase phase, Duration interval, Duration timeout) implements Action {
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    /** What the step does with the probe. */
    public enum Phase {
        /** Starts probing. */
        START,
        /** Records the downtime so far; the probe goes on (its latency after the change is judged at the stop). */
        DOWNTIME,
        /** Stops probing: downtime over the whole probe, and the latency after the change judged. */
        STOP
    }

    public static DowntimeProbeStep create(Params p) {
        Phase phase = Phase.valueOf(p.oneOf("phase", List.of("start", "downtime", "stop")).toUpperCase(Locale.ROOT));
        boolean start = phase == Phase.START;
        Duration interval = p.duration("interval", MIN_INTERVAL);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            // The probe's budget is one connection and at most 10 requests per second.
            throw p.invalid("interval", "must be at least 100ms (the probe sends at most 10 requests per second)");
        }
        Duration timeout = p.duration("timeout", Duration.ofMillis(500));
        return new DowntimeProbeStep(phase, interval, timeout);
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        if (phase == Phase.DOWNTIME) {
            return Preview.of("Record total downtime, longest outage and count so far; the probe goes on measuring"
                    + " the latency after the change");
        }
        if (phase == Phase.STOP) {
            return Preview.of("Stop the downtime probe and record total downtime, longest outage and count, and PING"
                    + " latency p50/p99 after the change against before (thresholds.probe-p99-ms)");
        }
        return Preview.of("Start probing " + JedisConnector.previewEndpoint(ctx) + " in the background: PING every "
                + interval.toMillis() + " ms (timeout " + timeout.toMillis() + " ms) on one connection, "
                + "recording every outage", "PING");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        DowntimeProbe probe = ctx.shared(DowntimeProbe.class, DowntimeProbe::new);
        return phase == Phase.START ? start(ctx, probe) : measure(ctx, probe);
    }

    private Outcome start(ActionContext ctx, DowntimeProbe probe) throws ActionException {
        if (probe.running()) {
            return Outcome.skipped("The downtime probe is already running; it keeps measuring until its stop step.")
                    .build();
        }
        Optional<ProbeLog> log = ProbeLog.in(ctx.runDir(), ctx.time());
        log.ifPresent(ProbeLog::fresh);
        try {
            CacheConnector connector = begin(ctx, probe, log);
            return Outcome.succeeded("Probing " + connector.describe() + " every " + interval.toMillis() + " ms")
                    .fact("probe-interval-ms", interval.toMillis())
                    // on the run's clock, so the outages (offsets from here) can be placed on the run's timeline
                    .fact("probe-started-at", probe.runStartedAt()).build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage() + " The probe was not started.", null, null, e);
        }
    }

    private CacheConnector begin(ActionContext ctx, DowntimeProbe probe, Optional<ProbeLog> log) {
        CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
        probe.start(connector, interval, timeout, log.orElse(null), ctx.time());
        return connector;
    }

    /**
     * A resumed run (a new process) takes the probe up again when its start step ended in an earlier process
     * and its stop step has not run: the probe's record says which. What it measured before is in the record;
     * the stretch in between is reported as not measured.
     */
    @Override
    public void resumed(ActionContext ctx) throws ActionException {
        if (phase != Phase.START) {
            return;
        }
        DowntimeProbe probe = ctx.shared(DowntimeProbe.class, DowntimeProbe::new);
        Optional<ProbeLog> log = ProbeLog.in(ctx.runDir(), ctx.time());
        List<ProbeLog.Segment> before = log.map(ProbeLog::segments).orElse(List.of());
        if (probe.running() || (!before.isEmpty() && before.get(before.size() - 1).end() == ProbeLog.End.STOPPED)) {
            return;
        }
        try {
            CacheConnector connector = begin(ctx, probe, log);
            ctx.progress().log("downtime probe: probing " + connector.describe() + " again after the resume"
                    + (before.isEmpty() ? "" : "; not measured since " + ProbeLog.clock(before.get(before.size() - 1)
                    .last()) + " (the run's clock)"));
        } catch (CacheException e) {
            throw new ActionException("The downtime probe could not be started again after the resume: "
                    + e.getMessage(), null, null, e);
        }
    }

    private Outcome measure(ActionContext ctx, DowntimeProbe probe) throws InterruptedException {
        boolean stopping = phase == Phase.STOP;
        Optional<ProbeLog> log = ProbeLog.in(ctx.runDir(), ctx.time());
        List<ProbeLog.Segment> recorded = log.map(ProbeLog::segments).orElse(List.of());
        if (!probe.running() && recorded.isEmpty()) {
            return Outcome.skipped("No downtime was measured: the probe was not started in this run "
                    + "(the probe-start step did not run or was skipped).").build();
        }
        if (!probe.running() && recorded.get(recorded.size() - 1).end() == ProbeLog.End.STOPPED) {
            return Outcome.skipped("The downtime probe was already stopped by an earlier stop step: its measurement "
                    + "is in that step.").build();
        }
        ProbeHistory h;
        long accuracy;
        double scale;
        boolean endedInOutage = false;
        List<String> warnings = new ArrayList<>();
        Optional<ProbeLatency> latBefore = Optional.empty();
        Optional<ProbeLatency> latAfter = Optional.empty();
        long slowAfter = 0;
        if (probe.running()) {
            // the change as the run's clock saw it: before its start, after its end (the upgrade wait's facts)
            Optional<Instant> changeStart = ctx.fact("upgrade-started").map(Instant::parse);
            Optional<Instant> changeEnd = ctx.fact("upgrade-finished").map(Instant::parse);
            if (changeStart.isPresent() && stopping) {
                latBefore = probe.latency(null, changeStart.get());
                latAfter = probe.latency(changeEnd.orElse(changeStart.get()), null);
                slowAfter = probe.slowerThan(changeEnd.orElse(changeStart.get()),
                        ctx.settings().thresholds().probeP99Millis());
            }
            scale = probe.timeScale();
            DowntimeProbe.Report r = stopping ? probe.stop() : probe.sofar();
            accuracy = Math.round(r.accuracyMillis() * scale);
            endedInOutage = r.endedInOutage();
            h = ProbeHistory.of(recorded, ProbeHistory.current(probe, r, ctx.time().now()));
        } else {
            scale = recorded.get(recorded.size() - 1).scale();
            accuracy = Math.round(interval.toMillis() * scale);
            h = ProbeHistory.of(recorded, null);
            warnings.add("The probe was not running in this process (it could not be started again after the resume):"
                    + " the downtime below is what earlier processes measured.");
        }
        List<ProbeHistory.Gap> gaps = h.gaps(ctx.time().now());
        long unmeasured = gaps.stream().mapToLong(ProbeHistory.Gap::millis).sum();
        String summary = h.outages().isEmpty()
                ? "No outage seen in " + h.probes() + " probes"
                : String.format(Locale.ROOT, "Clients were cut off %s in %d outage(s), longest %s", human(h.totalMillis()),
                        h.outages().size(), human(h.longestMillis()));
        if (!gaps.isEmpty()) {
            summary += "; NOT MEASURED for " + human(unmeasured) + " while no runbook process was probing ("
                    + String.join(", ", gaps.stream().map(g -> ProbeLog.clock(g.from()) + "–" + ProbeLog.clock(g.to())
                    + (g.after() == ProbeLog.End.LOST ? " after the process was killed" : " after it left")).toList())
                    + "): an outage then was not seen";
        }
        summary += h.outages().isEmpty() && gaps.isEmpty() ? "; the guide estimated 5-10 min of downtime in dev"
                : "; the guide estimated 5-10 min in dev";
        if (!stopping && probe.running()) {
            summary += "; still probing until the stop step (latency after the change)";
        }
        if (latAfter.isPresent()) {
            summary += "; PING p99 after the change " + ProbeLatency.ms(latAfter.get().p99Millis()) + " ms"
                    + latBefore.map(l -> " (before " + ProbeLatency.ms(l.p99Millis()) + " ms)").orElse("");
        }
        Instant origin = ctx.fact("probe-started-at").map(Instant::parse).orElse(h.segments().get(0).start());
        var thresholds = ctx.settings().thresholds();
        long slow = slowAfter;
        Optional<String> latencyBreach = latAfter.filter(l -> l.breaches(thresholds.probeP99Millis(), slow))
                .map(l -> "PING p99 after the change " + ProbeLatency.ms(l.p99Millis()) + " ms over the probe's threshold "
                        + ProbeLatency.ms(thresholds.probeP99Millis()) + " ms (+" + ProbeLatency.ms(l.p99Millis()
                        - thresholds.probeP99Millis()) + ", " + l.errors() + " failed of " + l.probes() + " probes)");
        boolean fails = latencyBreach.isPresent()
                && thresholds.onBreach() == Thresholds.OnBreach.FAIL;
        if (latencyBreach.isPresent() && !fails) {
            warnings.add("BREACH (on-breach = warn, so the step goes on): " + latencyBreach.get());
        }
        Outcome.Builder b = (fails ? Outcome.failed("The cache is not healthy after the upgrade: " + latencyBreach.get()
                + " (thresholds.probe-p99-ms): roll back, or set thresholds.on-breach = warn to accept it; " + summary)
                : Outcome.succeeded(summary))
                .fact("downtime-ms", h.totalMillis())
                .fact("longest-outage-ms", h.longestMillis())
                .fact("outages", h.outages().size())
                .fact("probe-accuracy-ms", accuracy)
                .series("outage-ms", h.outages().stream().map(o -> (double) o.millis()).toList());
        latencyFacts(b, "before", latBefore);
        latencyFacts(b, "after", latAfter);
        latencyBreach.ifPresent(l -> b.fact("latency-breach", l));
        if (!h.outages().isEmpty()) {
            b.fact("outage-windows", windows(origin, h.outages()));
        }
        if (!gaps.isEmpty()) {
            b.fact("probe-segments", h.segments().size());
            b.fact("unmeasured-ms", unmeasured);
            b.fact("unmeasured-windows", windows(origin, gaps.stream().map(ProbeHistory.Gap::window).toList()));
            gapEvents(ctx, gaps, b, warnings);
        }
        if (h.cutInOutage()) {
            warnings.add("A process was killed while the endpoint was not answering: that outage is counted up to the "
                    + "last thing known of the process.");
        }
        if (scale != 1.0) {
            b.fact("probe-time-scale", scale);
            warnings.add(String.format(Locale.ROOT, "Simulated endpoint: outages measured in real time and scaled by "
                    + "the rehearsal speed (%.0fx) to simulated time.", scale));
        }
        if (endedInOutage) {
            warnings.add(stopping ? "The endpoint was still not answering when the probe stopped: the last outage is "
                    + "counted up to now." : "The endpoint is still not answering: the outage is counted up to now.");
        }
        warnings.forEach(b::warning);
        return b.build();
    }

    private static void latencyFacts(Outcome.Builder b, String phase, Optional<ProbeLatency> l) {
        l.ifPresent(v -> b.fact("latency-p50-ms." + phase, ProbeLatency.ms(v.p50Millis()))
                .fact("latency-p99-ms." + phase, ProbeLatency.ms(v.p99Millis()))
                .fact("latency-errors." + phase, v.errors()).fact("latency-probes." + phase, v.probes()));
    }

    /**
     * What AWS says happened to the group while nobody measured: its events in the gaps (a node restart there means
     * an outage was likely missed; none means the group was not being changed). Read-only; a failure to read them is
     * a warning, not a failed stop.
     */
    private static void gapEvents(ActionContext ctx, List<ProbeHistory.Gap> gaps, Outcome.Builder b,
                                  List<String> warnings) {
        try {
            String group = ctx.environment().replicationGroupId();
            var client = AwsClients.elastiCache(ctx);
            var g = GroupState.describeGroup(client, group);
            List<String> inGaps = new EventReader(client, group, g.memberClusters(), gaps.get(0).from()).readAll()
                    .stream().filter(e -> gaps.stream().anyMatch(gap -> !e.date().isBefore(gap.from())
                            && !e.date().isAfter(gap.to()))).map(EventReader::line).toList();
            b.fact("unmeasured-events", inGaps.size());
            warnings.add(inGaps.isEmpty() ? "AWS recorded no event of the group while the probe was not measuring."
                    : "AWS events while the probe was not measuring (a node restart or failover among them means an "
                    + "outage may be hidden there): "
                    + String.join("; ", inGaps));
        } catch (ActionException | RuntimeException e) {
            warnings.add("The group's events in the unmeasured stretch could not be read: " + e.getMessage());
        }
    }

    /**
     * "offsetMs+durationMs,..." of each outage from the probe's start, in the endpoint's time (a rehearsal's
     * outages happen in real time and are scaled like their durations).
     */
    static String windows(Instant origin, List<ProbeLog.Window> spans) {
        return String.join(",", spans.stream().map(w -> Duration.between(origin, w.start()).toMillis() + "+"
                + w.millis()).toList());
    }

    /** 2m14.3s, 850ms. */
    static String human(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        double seconds = (millis % 60_000) / 1000.0;
        return minutes > 0 ? String.format(Locale.ROOT, "%dm%04.1fs", minutes, seconds)
                : String.format(Locale.ROOT, "%.1fs", seconds);
    }

    /** No SSM form: the probe is a background thread that lives from the start step to the stop step. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("the downtime probe PINGs every 100 ms from one process across several steps;"
                + " an execution's steps keep no process between them");
    }

    @Override
    public Optional<String> reportKind() {
        return phase == Phase.START ? Optional.empty() : Optional.of(ReportKind.DOWNTIME);
    }
}
