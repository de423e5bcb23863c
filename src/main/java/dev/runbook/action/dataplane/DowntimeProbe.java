package dev.runbook.action.dataplane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.runbook.action.TimeSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Measures how long clients are really cut off: from one step to a later one it PINGs the endpoint on one
 * connection every {@code interval} (fixed delay, so never more than one request per interval), reconnects
 * after a failure, and records each outage window from the first failed probe to the first answered one.
 * It lives for the run in {@code ctx.shared(DowntimeProbe.class, ...)}; it is thread-safe.
 *
 * <p>It measures with real time ({@code System.nanoTime} for durations, {@code Instant.now} for the window
 * stamps), not {@code ctx.time()}: the outage happens on the wire, in real time, on the probe's own thread;
 * a rehearsal's compressed clock or a test's manual clock would scale or freeze what it measures.
 * The error on each window is at most the interval plus the longest failed probe (a connect that times out);
 * {@link Report#accuracyMillis()} reports that bound as observed.
 */
public final class DowntimeProbe implements AutoCloseable {
    /** One period the endpoint did not answer. */
    public record Outage(Instant start, Instant end, long millis) {
    }

    /** What the probe saw between start and stop. */
    public record Report(List<Outage> outages, long probes, long failures, long accuracyMillis, boolean endedInOutage) {
        public long totalMillis() {
            return outages.stream().mapToLong(Outage::millis).sum();
        }

        public long longestMillis() {
            return outages.stream().mapToLong(Outage::millis).max().orElse(0);
        }

        /** The same report in the endpoint's time ({@link CacheConnector#timeScale()}): a rehearsal's minutes. */
        public Report scaled(double scale) {
            if (scale == 1.0) {
                return this;
            }
            List<Outage> s = outages.stream().map(o -> new Outage(o.start(), o.end(), Math.round(o.millis() * scale)))
                    .toList();
            return new Report(s, probes, failures, Math.round(accuracyMillis * scale), endedInOutage);
        }
    }

    private ScheduledExecutorService executor;
    private CacheConnector connector;
    private Duration interval;
    private Duration timeout;
    private CacheClient client; // used only by the probe thread, and by stop() once that thread has ended
    private final List<Outage> outages = new ArrayList<>();
    private Instant outageStart;
    private Instant startedAt;
    private long outageStartNanos;
    private long probes;
    private long failures;
    private long slowestFailureNanos;
    private ProbeLog log; // null: measuring in memory only
    private String segment;
    private Instant runStartedAt;
    private TimeSource runClock; // null: latency samples are not kept
    private long[] sampleAt = new long[1024];
    private long[] sampleMicros = new long[1024];
    private boolean[] sampleOk = new boolean[1024];
    private int samples;

    /** Seconds of the endpoint's time per real second (see {@link CacheConnector#timeScale()}). */
    public synchronized double timeScale() {
        return connector == null ? 1.0 : connector.timeScale();
    }

    /** True while probing. */
    public synchronized boolean running() {
        return executor != null;
    }

    /**
     * Connects and PINGs once (throws {@link CacheException} if that fails: a probe started against a dead
     * endpoint would measure nothing useful), then probes in the background.
     */
    public synchronized void start(CacheConnector connector, Duration interval, Duration timeout) {
        runClock = null;
        start(connector, interval, timeout, null, (Instant) null);
    }

    /**
     * The same, writing what it measures to {@code log} as it happens (see {@link ProbeLog}); {@code runNow} is the
     * run's clock now (a rehearsal's simulated time), which places the outages on the run's timeline.
     */
    synchronized void start(CacheConnector connector, Duration interval, Duration timeout, ProbeLog log,
                            Instant runNow) {
        if (executor != null) {
            throw new IllegalStateException("the downtime probe is already running");
        }
        CacheClient first = connector.open(timeout);
        try {
            first.ping();
        } catch (CacheException e) {
            first.close();
            throw e;
        }
        this.connector = connector;
        this.interval = interval;
        this.timeout = timeout;
        this.client = first;
        startedAt = Instant.now();
        outages.clear();
        outageStart = null;
        probes = 1;
        failures = 0;
        slowestFailureNanos = 0;
        this.log = log;
        this.segment = UUID.randomUUID().toString();
        this.runStartedAt = runNow == null ? startedAt : runNow;
        samples = 0;
        if (log != null) {
            log.started(segment, connector.timeScale(), interval);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "downtime-probe");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::probeOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The same, keeping every probe's latency stamped on {@code runClock} (the run's clock, a rehearsal's simulated
     * time) so {@link #latency} can split them at the upgrade.
     */
    synchronized void start(CacheConnector connector, Duration interval, Duration timeout, ProbeLog log,
                            TimeSource runClock) {
        this.runClock = runClock;
        start(connector, interval, timeout, log, runClock.now());
    }

    /** The latency of the probes sent on the run's clock in [from, to) (null: open); empty when none. */
    synchronized Optional<ProbeLatency> latency(Instant from, Instant to) {
        return ProbeLatency.of(sampleAt, sampleMicros, sampleOk, samples, from, to);
    }

    /** How many answered probes sent on the run's clock from {@code from} (null: all) took longer than {@code millis}. */
    synchronized long slowerThan(Instant from, double millis) {
        return ProbeLatency.slowerThan(sampleAt, sampleMicros, sampleOk, samples, from, millis);
    }

    private void keep(boolean ok, long began, long ended) {
        if (runClock == null) {
            return;
        }
        if (samples == sampleAt.length) {
            sampleAt = Arrays.copyOf(sampleAt, samples * 2);
            sampleMicros = Arrays.copyOf(sampleMicros, samples * 2);
            sampleOk = Arrays.copyOf(sampleOk, samples * 2);
        }
        sampleAt[samples] = runClock.now().toEpochMilli();
        sampleMicros[samples] = (ended - began) / 1000;
        sampleOk[samples] = ok;
        samples++;
    }

    private void probeOnce() {
        long began = System.nanoTime();
        Instant beganAt = Instant.now();
        boolean ok;
        try {
            if (client == null) {
                client = connector.open(timeout);
            }
            client.ping();
            ok = true;
        } catch (RuntimeException e) {
            ok = false;
            if (client != null) {
                client.close();
                client = null;
            }
        }
        record(ok, began, beganAt, System.nanoTime());
    }

    private synchronized void record(boolean ok, long began, Instant beganAt, long ended) {
        probes++;
        keep(ok, began, ended);
        if (!ok) {
            failures++;
            slowestFailureNanos = Math.max(slowestFailureNanos, ended - began);
            if (outageStart == null) {
                outageStart = beganAt;
                outageStartNanos = began;
                if (log != null) {
                    log.outageStarted();
                }
            }
        } else if (outageStart != null) {
            closeOutage(ended);
        }
        if (log != null) {
            log.alive(probes, failures);
        }
    }

    private void closeOutage(long endNanos) {
        long millis = (endNanos - outageStartNanos) / 1_000_000;
        outages.add(new Outage(outageStart, outageStart.plusMillis(millis), millis));
        outageStart = null;
        if (log != null) {
            log.outageEnded(millis);
        }
    }

    /** When probing began (real time, like the outages' starts). */
    public synchronized Instant startedAt() {
        return startedAt;
    }

    /** When probing began on the run's clock. */
    synchronized Instant runStartedAt() {
        return runStartedAt;
    }

    /** This process's segment of the probe's record ({@link ProbeLog.Segment#id()}). */
    synchronized String segment() {
        return segment;
    }

    /** True while the endpoint is not answering (an outage window is open). */
    public synchronized boolean inOutage() {
        return outageStart != null;
    }

    /** Probes sent so far, the first one included. */
    public synchronized long probes() {
        return probes;
    }

    /** Outage windows closed so far. */
    public synchronized List<Outage> outages() {
        return List.copyOf(outages);
    }

    /**
     * What it measured so far, probing on: an outage still open counts up to now (and the report says so), and
     * stays open. For a step that records the downtime while the probe goes on watching the latency.
     */
    public synchronized Report sofar() {
        if (executor == null) {
            throw new IllegalStateException("the downtime probe is not running");
        }
        List<Outage> all = new ArrayList<>(outages);
        boolean open = outageStart != null;
        if (open) {
            long millis = (System.nanoTime() - outageStartNanos) / 1_000_000;
            all.add(new Outage(outageStart, outageStart.plusMillis(millis), millis));
        }
        return new Report(List.copyOf(all), probes, failures, interval.toMillis() + slowestFailureNanos / 1_000_000,
                open);
    }

    /** Stops probing and reports; an outage still open ends now (and the report says so). */
    public Report stop() throws InterruptedException {
        return stop(ProbeLog.End.STOPPED);
    }

    private Report stop(ProbeLog.End how) throws InterruptedException {
        ScheduledExecutorService ex;
        synchronized (this) {
            if (executor == null) {
                throw new IllegalStateException("the downtime probe is not running");
            }
            ex = executor;
        }
        ex.shutdownNow();
        ex.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        synchronized (this) {
            executor = null;
            if (client != null) {
                client.close();
                client = null;
            }
            boolean open = outageStart != null;
            if (open) {
                closeOutage(System.nanoTime());
            }
            long accuracy = interval.toMillis() + slowestFailureNanos / 1_000_000;
            if (log != null) {
                log.ended(how, probes, failures);
                log = null;
            }
            return new Report(List.copyOf(outages), probes, failures, accuracy, open);
        }
    }

    /**
     * Ends the probe when the process leaves with it running (the run ends without its stop step, a quit, a
     * signal): its record says so, and a resumed run starts it again.
     */
    @Override
    public void close() {
        if (running()) {
            try {
                stop(ProbeLog.End.CLOSED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
