package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

class DowntimeProbeTest {
    static final Duration INTERVAL = Duration.ofMillis(100);
    static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "a {0} ms outage is measured within 300 ms")
    @ValueSource(ints = {700, 2000})
    void anOutageMadeByStoppingTheServerIsMeasuredWithin300Ms(int gapMillis) throws Exception {
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = new TestContext();
            ctx.services.put(CacheConnector.class, redis.connector());
            assertEquals(Outcome.Status.SUCCEEDED, start().execute(ctx).status());
            DowntimeProbe probe = ctx.sharedObjects.values().stream().map(DowntimeProbe.class::cast).findFirst().orElseThrow();
            LocalRedis.await(() -> probe.probes() >= 3, LIMIT, "the probe has answered a few PINGs");

            redis.stop();
            long down = System.nanoTime();
            LocalRedis.await(probe::inOutage, LIMIT, "the probe sees the outage");
            long gapEnd = down + Duration.ofMillis(gapMillis).toNanos();
            while (System.nanoTime() < gapEnd) { // the outage itself: a bounded wait, not synchronisation
                Thread.sleep(Math.max(1, (gapEnd - System.nanoTime()) / 1_000_000));
            }
            redis.start();
            long up = System.nanoTime();
            LocalRedis.await(() -> probe.outages().size() == 1, LIMIT, "the probe sees the endpoint answer again");

            Outcome o = stop().execute(ctx);

            long real = (up - down) / 1_000_000;
            long measured = Long.parseLong(o.facts().get("downtime-ms"));
            System.out.printf("probe accuracy: real gap %d ms, measured %d ms, error %+d ms, bound %s ms%n",
                    real, measured, measured - real, o.facts().get("probe-accuracy-ms"));
            assertEquals(real, measured, 300, "measured downtime vs the real gap");
            assertEquals("1", o.facts().get("outages"));
            assertEquals(o.facts().get("downtime-ms"), o.facts().get("longest-outage-ms"));
            assertTrue(o.summary().startsWith("Clients were cut off "), o.summary());
            assertTrue(o.summary().endsWith(" in 1 outage(s), longest " + DowntimeProbeStep.human(measured)
                    + "; the guide estimated 5-10 min in dev"), o.summary());
            assertTrue(!probe.running());
        }
    }

    @Test
    void theProbeUsesOneConnectionAndAtMostTenRequestsPerSecond() throws Exception {
        try (LocalRedis redis = new LocalRedis(dir); Jedis observer = redis.jedis()) {
            DowntimeProbe probe = new DowntimeProbe();
            long began = System.nanoTime();
            probe.start(redis.connector(), INTERVAL, Duration.ofMillis(500));
            LocalRedis.await(() -> probe.probes() >= 11, LIMIT, "the probe has sent 11 PINGs");
            double seconds = (System.nanoTime() - began) / 1e9;
            String clients = observer.info("clients");
            DowntimeProbe.Report r = probe.stop();

            assertTrue(clients.contains("connected_clients:2\r\n"), "the probe and this observer only: " + clients);
            // The first PING is at start; each later one comes at least one interval after the one before.
            assertTrue(r.probes() - 1 <= seconds * 10, r.probes() + " probes in " + seconds + " s");
            assertEquals(0, r.outages().size());
            assertEquals(100, r.accuracyMillis(), "no failed probe: accuracy is the interval");
        }
    }

    @Test
    void aProbeCannotStartAgainstADeadEndpoint() throws IOException {
        int closed = LocalRedis.freePort();
        TestContext ctx = new TestContext();
        ctx.services.put(CacheConnector.class,
                new JedisConnector(new Endpoint("127.0.0.1", closed, false), Optional.empty(), "none"));

        ActionException e = assertThrows(ActionException.class, () -> start().execute(ctx));

        assertEquals("Cannot reach 127.0.0.1:" + closed + " (Connection refused): check the host, port, TLS setting "
                + "and that this machine can reach the cache's VPC. The probe was not started.", e.getMessage());
    }

    @Test
    void stopWithoutStartIsSkippedWithTheReason() throws Exception {
        TestContext ctx = new TestContext();
        ctx.runDir = dir;
        Outcome o = stop().execute(ctx);

        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("No downtime was measured: the probe was not started in this run (the probe-start step did not "
                + "run or was skipped).", o.summary());
    }

    @Test
    void anIntervalUnder100MsIsRefusedAtLoad() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> DowntimeProbeStep.create(DataPlaneParams.of("phase = start, interval = 20ms")));

        assertTrue(e.getMessage().endsWith("must be at least 100ms (the probe sends at most 10 requests per second)"),
                e.getMessage());
    }

    @Test
    void thePreviewDescribesTheProbeWithoutAnEndpoint() {
        assertEquals("Start probing <primary endpoint>:6379 (no auth) in the background: PING every 100 ms "
                + "(timeout 500 ms) on one connection, recording every outage", start().preview(new TestContext()).summary());
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("850ms", DowntimeProbeStep.human(850));
        assertEquals("4.2s", DowntimeProbeStep.human(4_200));
        assertEquals("2m14.3s", DowntimeProbeStep.human(134_300));
    }

    private static DowntimeProbeStep start() {
        return DowntimeProbeStep.create(DataPlaneParams.of("phase = start, interval = 100ms"));
    }

    private static DowntimeProbeStep stop() {
        return DowntimeProbeStep.create(DataPlaneParams.of("phase = stop"));
    }
}
