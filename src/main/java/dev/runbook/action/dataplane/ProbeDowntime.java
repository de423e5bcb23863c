package dev.runbook.action.dataplane;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;

/**
 * {@code dataplane.downtime-probe}: {@code phase = start} starts a {@link DowntimeProbe} held for the run;
 * {@code phase = stop} (a later step) ends it and records total downtime, longest outage and the number of
 * outages, next to the guide's dev estimate of 5-10 minutes.
 */
public final class ProbeDowntime implements Action {
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private final boolean start;
    private final Duration interval;
    private final Duration timeout;

    public ProbeDowntime(boolean start, Duration interval, Duration timeout) {
        this.start = start;
        this.interval = interval;
        this.timeout = timeout;
    }

    public static ProbeDowntime create(Params p) {
        boolean start = p.oneOf("phase", List.of("start", "stop")).equals("start");
        Duration interval = p.duration("interval", MIN_INTERVAL);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            // The probe's budget is one connection and at most 10 requests per second.
            throw p.invalid("interval", "must be at least 100ms (the probe sends at most 10 requests per second)");
        }
        Duration timeout = p.duration("timeout", Duration.ofMillis(500));
        p.finish();
        return new ProbeDowntime(start, interval, timeout);
    }

    @Override
    public Preview preview(ActionContext ctx) {
        if (!start) {
            return Preview.of("Stop the downtime probe and record total downtime, longest outage and count");
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
        return start ? start(ctx, probe) : stop(probe);
    }

    private Outcome start(ActionContext ctx, DowntimeProbe probe) throws ActionException {
        if (probe.running()) {
            return Outcome.skipped("The downtime probe is already running; it keeps measuring until its stop step.")
                    .build();
        }
        try {
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            probe.start(connector, interval, timeout);
            return Outcome.succeeded("Probing " + connector.describe() + " every " + interval.toMillis() + " ms")
                    .fact("probe-interval-ms", interval.toMillis())
                    // on the run's clock, so the outages (offsets from here) can be placed on the run's timeline
                    .fact("probe-started-at", ctx.time().now()).build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage() + " The probe was not started.", null, null, e);
        }
    }

    private Outcome stop(DowntimeProbe probe) throws InterruptedException {
        if (!probe.running()) {
            return Outcome.skipped("No downtime was measured: the probe was not started in this run "
                    + "(the probe-start step did not run or was skipped).").build();
        }
        double scale = probe.timeScale();
        DowntimeProbe.Report r = probe.stop().scaled(scale);
        String summary = r.outages().isEmpty()
                ? "No outage seen in " + r.probes() + " probes; the guide estimated 5-10 min of downtime in dev"
                : String.format(Locale.ROOT, "Clients were cut off %s in %d outage(s), longest %s; "
                        + "the guide estimated 5-10 min in dev", human(r.totalMillis()), r.outages().size(),
                        human(r.longestMillis()));
        Outcome.Builder b = Outcome.succeeded(summary)
                .fact("downtime-ms", r.totalMillis())
                .fact("longest-outage-ms", r.longestMillis())
                .fact("outages", r.outages().size())
                .fact("probe-accuracy-ms", r.accuracyMillis())
                .series("outage-ms", r.outages().stream().map(o -> (double) o.millis()).toList());
        if (!r.outages().isEmpty()) {
            b.fact("outage-windows", outageWindows(probe.startedAt(), r, scale));
        }
        if (scale != 1.0) {
            b.fact("probe-time-scale", scale);
            b.warning(String.format(Locale.ROOT, "Simulated endpoint: outages measured in real time and scaled by "
                    + "the rehearsal speed (%.0fx) to simulated time.", scale));
        }
        if (r.endedInOutage()) {
            b.warning("The endpoint was still not answering when the probe stopped: the last outage is counted up to now.");
        }
        return b.build();
    }

    /**
     * "offsetMs+durationMs,..." of each outage from the probe's start, in the endpoint's time (a rehearsal's
     * outages happen in real time and are scaled like their durations).
     */
    static String outageWindows(java.time.Instant probeStart, DowntimeProbe.Report r, double scale) {
        return String.join(",", r.outages().stream().map(o -> Math.round(
                java.time.Duration.between(probeStart, o.start()).toMillis() * scale) + "+" + o.millis()).toList());
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
}
