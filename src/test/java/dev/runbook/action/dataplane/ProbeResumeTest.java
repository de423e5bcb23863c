package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downtime probe across processes: what it measured is in {@code probe.jsonl} as it happens, a resumed run
 * starts it again, and the stop step reports earlier outages together with the stretch nobody measured.
 * Earlier processes are written as the record a killed process leaves (the end-to-end SIGKILL is in
 * ResumeE2ETest); the probe of "this" process runs against a real Redis.
 */
class ProbeResumeTest {
    static final Instant T0 = Instant.parse("2026-11-29T04:30:00Z");

    @TempDir
    Path dir;

    @Test
    void aLiveProbeWritesItsRecordAsItMeasuresOwnerOnly() throws Exception {
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = context(redis, T0);
            assertEquals(Outcome.Status.SUCCEEDED, start().execute(ctx).status());
            DowntimeProbe probe = (DowntimeProbe) ctx.sharedObjects.get(DowntimeProbe.class);
            redis.stop();
            LocalRedis.await(probe::inOutage, DowntimeProbeTest.LIMIT, "the probe sees the outage");
            assertTrue(Files.readString(record()).contains("\"event\":\"outage-started\""),
                    "the outage's start is on disk while it lasts");
            redis.start();
            LocalRedis.await(() -> probe.outages().size() == 1, DowntimeProbeTest.LIMIT, "the endpoint answers again");

            Outcome o = stop().execute(ctx);

            List<ProbeLog.Segment> segments = ProbeLog.read(record());
            assertEquals(1, segments.size());
            assertEquals(ProbeLog.End.STOPPED, segments.get(0).end());
            assertEquals(1, segments.get(0).outages().size());
            assertEquals(o.facts().get("downtime-ms"), String.valueOf(segments.get(0).outages().get(0).millis()));
            assertFalse(o.facts().containsKey("unmeasured-ms"), "one process measured the whole time");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record())));
        }
    }

    @Test
    void afterAKillTheEarlierOutagesCountAndTheGapIsReportedAsNotMeasured() throws Exception {
        killedProcess(
                line("started", 0, ",\"segment\":\"a\",\"scale\":1.0,\"interval-ms\":100"),
                line("alive", 5, ",\"probes\":50,\"failures\":0"),
                line("outage-started", 10, ""),
                line("outage-ended", 12, ",\"millis\":2000"),
                line("alive", 20, ",\"probes\":190,\"failures\":20"));
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = context(redis, T0.plusSeconds(60));
            ctx.facts.put("probe-started-at", T0.toString());

            start().resumed(ctx);
            DowntimeProbe probe = (DowntimeProbe) ctx.sharedObjects.get(DowntimeProbe.class);
            assertTrue(probe.running(), "the resumed run probes again");
            assertTrue(ctx.log.stream().anyMatch(l -> l.contains("not measured since 04:30:20")), ctx.log.toString());
            Outcome o = stop().execute(ctx);

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            assertEquals("2000", o.facts().get("downtime-ms"));
            assertEquals("1", o.facts().get("outages"));
            assertEquals("10000+2000", o.facts().get("outage-windows"));
            assertEquals("2", o.facts().get("probe-segments"));
            assertEquals("40000", o.facts().get("unmeasured-ms"));
            assertEquals("20000+40000", o.facts().get("unmeasured-windows"));
            assertTrue(o.summary().startsWith("Clients were cut off 2.0s in 1 outage(s), longest 2.0s; NOT MEASURED for "
                    + "40.0s while no runbook process was probing (04:30:20–04:31:00 after the process was killed)"),
                    o.summary());
            // the test context has no AWS: the events of the gap cannot be read, and the stop says so
            assertTrue(o.warnings().stream().anyMatch(w -> w.startsWith("The group's events in the unmeasured stretch "
                    + "could not be read")), o.warnings().toString());
        }
    }

    @Test
    void aProcessKilledDuringAnOutageCountsItUpToItsLastLine() throws Exception {
        killedProcess(
                line("started", 0, ",\"segment\":\"a\",\"scale\":60.0,\"interval-ms\":100"),
                line("outage-started", 30, ""),
                line("alive", 90, ",\"probes\":9,\"failures\":8"),
                "{\"event\":\"ali"); // torn by the kill
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = context(redis, T0.plusSeconds(300));
            start().resumed(ctx);
            Outcome o = stop().execute(ctx);

            assertEquals("60000", o.facts().get("downtime-ms"), "04:30:30 to the last line at 04:31:30");
            assertEquals("210000", o.facts().get("unmeasured-ms"));
            assertTrue(o.warnings().contains("A process was killed while the endpoint was not answering: that outage is "
                    + "counted up to the last thing known of the process."), o.warnings().toString());
        }
    }

    @Test
    void aQuitIsAGapAfterTheProcessLeft() throws Exception {
        killedProcess(
                line("started", 0, ",\"segment\":\"a\",\"scale\":1.0,\"interval-ms\":100"),
                line("closed", 8, ",\"probes\":80,\"failures\":0"));
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = context(redis, T0.plusSeconds(18));
            start().resumed(ctx);
            Outcome o = stop().execute(ctx);

            assertEquals("10000", o.facts().get("unmeasured-ms"));
            assertTrue(o.summary().contains("(04:30:08–04:30:18 after it left)"), o.summary());
            assertTrue(o.summary().startsWith("No outage seen in "), o.summary());
        }
    }

    @Test
    void aProbeStoppedBeforeTheCrashIsNotStartedAgainAndASecondStopSaysSo() throws Exception {
        killedProcess(
                line("started", 0, ",\"segment\":\"a\",\"scale\":1.0,\"interval-ms\":100"),
                line("stopped", 8, ",\"probes\":80,\"failures\":0"));
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = context(redis, T0.plusSeconds(60));
            start().resumed(ctx);
            assertFalse(ctx.sharedObjects.containsKey(DowntimeProbe.class)
                    && ((DowntimeProbe) ctx.sharedObjects.get(DowntimeProbe.class)).running(), "started again");

            Outcome o = stop().execute(ctx);

            assertEquals(Outcome.Status.SKIPPED, o.status());
            assertEquals("The downtime probe was already stopped by an earlier stop step: its measurement is in that "
                    + "step.", o.summary());
        }
    }

    @Test
    void aProbeThatCannotStartAgainStillReportsWhatEarlierProcessesMeasured() throws Exception {
        killedProcess(
                line("started", 0, ",\"segment\":\"a\",\"scale\":1.0,\"interval-ms\":100"),
                line("outage-started", 1, ""),
                line("outage-ended", 4, ",\"millis\":3000"),
                line("alive", 6, ",\"probes\":40,\"failures\":30"));
        TestContext ctx = new TestContext();
        ctx.runDir = dir;
        ctx.time.advance(Duration.ofSeconds(16));
        ctx.services.put(CacheConnector.class,
                new JedisConnector(new Endpoint("127.0.0.1", LocalRedis.freePort(), false), java.util.Optional.empty(),
                        "none"));

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> start().resumed(ctx));
        assertTrue(e.getMessage().startsWith("The downtime probe could not be started again after the resume: Cannot "
                + "reach 127.0.0.1:"), e.getMessage());
        Outcome o = stop().execute(ctx);

        assertEquals(Outcome.Status.SUCCEEDED, o.status());
        assertEquals("3000", o.facts().get("downtime-ms"));
        assertEquals("10000", o.facts().get("unmeasured-ms"), "from the last line to now");
        assertTrue(o.warnings().get(0).startsWith("The probe was not running in this process"), o.warnings().toString());
    }

    private TestContext context(LocalRedis redis, Instant now) {
        TestContext ctx = new TestContext();
        ctx.runDir = dir;
        ctx.time.advance(Duration.between(ctx.time.now(), now));
        ctx.services.put(CacheConnector.class, redis.connector());
        return ctx;
    }

    private void killedProcess(String... lines) throws Exception {
        Files.writeString(record(), String.join("\n", lines) + "\n");
    }

    private Path record() {
        return dir.resolve(ProbeLog.FILE);
    }

    private static String line(String event, int second, String rest) {
        return "{\"event\":\"" + event + "\",\"run\":\"" + T0.plusSeconds(second) + "\"" + rest + "}";
    }

    private static DowntimeProbeStep start() {
        return DowntimeProbeStep.create(DataPlaneParams.of("phase = start, interval = 100ms"));
    }

    private static DowntimeProbeStep stop() {
        return DowntimeProbeStep.create(DataPlaneParams.of("phase = stop"));
    }
}
