package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/** The benchmark step against real Redis 7.0.15 and Valkey 8.0.1 processes. */
@Timeout(120)
class BenchmarkTest {
    @TempDir
    Path dir;

    static final Environment.BenchmarkWrites WRITES = new Environment.BenchmarkWrites(true, "runbook-benchmark:", 0);

    /** Keys redis-benchmark's own tests would clobber (key:__rand_int__, mylist, counter:...), plus a stream. */
    static void seed(Jedis j) {
        for (int i = 0; i < 50; i++) {
            j.set("key:" + i, "app-value-" + i);
            j.set("counter:" + i, String.valueOf(i));
        }
        j.rpush("mylist", "a", "b", "c");
        j.sadd("myset", "x", "y");
        j.hset("myhash", Map.of("f", "v"));
        j.zadd("myzset", 1, "m");
        j.xadd("mystream", redis.clients.jedis.StreamEntryID.NEW_ENTRY, Map.of("k", "v"));
        j.setex("session:1", 3600, "with-ttl");
    }

    private TestContext context(EngineServer s, boolean production, Environment.BenchmarkWrites writes, String ca,
                                String tokenFile) {
        TestContext ctx = new TestContext();
        ctx.environment = TestEnvironments.with(ctx.environment, TestEnvironments.local(s, ca, tokenFile, writes), production);
        ctx.runDir = dir.resolve("run");
        return ctx;
    }

    private static Benchmark benchmark(boolean after, Set<LoadTest> tests) {
        return new Benchmark(after, 2000, 4, 100, tests, Duration.ofMinutes(1));
    }

    @ParameterizedTest
    @EnumSource(EngineServer.Engine.class)
    void aConfirmedWriteBenchmarkLeavesExactlyTheKeysThatWereThere(EngineServer.Engine engine) throws Exception {
        try (EngineServer s = EngineServer.start(engine, dir.resolve("server"))) {
            try (Jedis j = s.jedis()) {
                seed(j);
            }
            Map<String, String> before = s.keysAndDigests();

            Outcome o = benchmark(false, Set.of()).execute(context(s, false, WRITES, "", ""));

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            assertEquals(before, s.keysAndDigests());
            for (LoadTest t : LoadTest.values()) {
                assertTrue(Double.parseDouble(o.facts().get("rps-" + t)) > 0, t + " " + o.facts());
                assertTrue(o.facts().containsKey("p99-ms-" + t), o.facts().toString());
            }
            assertEquals("runbook-benchmark:* in db 0", o.facts().get("benchmark-writes"));
            assertEquals("0", o.facts().get("benchmark-keys-left"));
            assertTrue(Long.parseLong(o.facts().get("benchmark-keys-deleted")) > 100, o.facts().toString());
            try (Jedis j = s.jedis()) {
                assertTrue(j.info("commandstats").contains("cmdstat_set:calls="), "SET really ran");
            }
            List<String> csv = Files.readAllLines(dir.resolve("run").resolve("benchmark-before.csv"));
            assertEquals("\"test\",\"rps\",\"avg_latency_ms\",\"p50_latency_ms\",\"p99_latency_ms\",\"requests\",\"clients\"",
                    csv.get(0));
            assertEquals(1 + LoadTest.values().length, csv.size());
        }
    }

    @Test
    void onProductionItRunsOnlyTestsThatDoNotWrite() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"))) {
            try (Jedis j = s.jedis()) {
                seed(j);
                j.configResetStat();
            }
            Map<String, String> before = s.keysAndDigests();
            TestContext ctx = context(s, true, Environment.BenchmarkWrites.defaults(true), "", "");

            Outcome o = benchmark(false, Set.of()).execute(ctx);

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            assertEquals(Set.of("rps-PING", "rps-GET"), Set.copyOf(o.facts().keySet().stream()
                    .filter(k -> k.startsWith("rps-")).toList()));
            assertEquals("none", o.facts().get("benchmark-writes"));
            assertEquals(before, s.keysAndDigests());
            try (Jedis j = s.jedis()) {
                String stats = j.info("commandstats");
                for (String write : List.of("set", "incr", "lpush", "lpop", "sadd", "hset", "zadd", "unlink", "del")) {
                    assertFalse(stats.contains("cmdstat_" + write + ":"), write + " was sent: " + stats);
                }
                assertTrue(stats.contains("cmdstat_get:calls=2000,"), stats);
            }
        }
    }

    @Test
    void onProductionRequestedWriteTestsAreLeftOutAndThePreviewSaysWhy() {
        TestContext ctx = new TestContext().env("prod");

        var p = benchmark(false, EnumSet.of(LoadTest.SET, LoadTest.GET, LoadTest.PING)).preview(ctx);

        assertEquals("Benchmark <primary endpoint>:6379 (TLS, default trust store, auth from $POPCORN_CACHE_AUTH_TOKEN): "
                + "PING, GET, 2000 requests each over 4 connections (read-only: prod is production and "
                + "data-plane.benchmark.writes is not true)", p.summary());
        assertEquals(List.of("PING  x2000 over 4 connections",
                "GET runbook-benchmark:key:<0..99>  x2000 over 4 connections (keys that do not exist: reads nothing)"),
                p.requests());
        assertEquals(List.of("SET is left out: it writes, and prod does not allow the benchmark to write "
                + "(data-plane.benchmark.writes = true would)."), p.warnings());
    }

    @Test
    void whereWritesAreAllowedThePreviewNamesThePrefixCheckEveryCommandAndTheCleanUp() {
        TestContext ctx = new TestContext();

        var p = benchmark(true, EnumSet.of(LoadTest.SET, LoadTest.LPUSH)).preview(ctx);

        assertEquals(List.of("SCAN 0 MATCH runbook-benchmark:* COUNT 1000 (refuses to start if any key has the prefix)",
                "SET runbook-benchmark:key:<0..99> xxx  x2000 over 4 connections",
                "LPUSH runbook-benchmark:list xxx  x2000 over 4 connections",
                "UNLINK the 204 keys the tests can create (runbook-benchmark:key:*, runbook-benchmark:counter:*, "
                        + "runbook-benchmark:list|set|hash|zset), then SCAN MATCH runbook-benchmark:* to check none is left"),
                p.requests());
        assertTrue(p.summary().endsWith("(writes only keys under runbook-benchmark:* in db 0, deleted afterwards); "
                + "compare requests/s with before (guide: up to 2x)"), p.summary());
    }

    @Test
    void itRefusesToWriteWhileKeysWithItsPrefixExist() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.REDIS, dir.resolve("server"))) {
            try (Jedis j = s.jedis()) {
                seed(j);
                j.set("runbook-benchmark:key:7", "someone's");
            }
            Map<String, String> before = s.keysAndDigests();

            ActionException e = assertThrows(ActionException.class,
                    () -> benchmark(false, Set.of()).execute(context(s, false, WRITES, "", "")));

            assertTrue(e.getMessage().startsWith("Not benchmarked: keys with the benchmark's prefix already exist in db 0 "
                    + "(e.g. runbook-benchmark:key:7): they may be the application's"), e.getMessage());
            assertEquals(before, s.keysAndDigests());
        }
    }

    @Test
    void aBenchmarkStoppedByItsTimeoutStillCleansUp() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.REDIS, dir.resolve("server"))) {
            try (Jedis j = s.jedis()) {
                seed(j);
            }
            Map<String, String> before = s.keysAndDigests();
            Benchmark slow = new Benchmark(false, 50_000_000, 2, 100, EnumSet.of(LoadTest.SET), Duration.ofMillis(300));
            TestContext ctx = context(s, false, WRITES, "", "");

            ActionException e = assertThrows(ActionException.class, () -> slow.execute(ctx));

            assertTrue(e.getMessage().startsWith("The benchmark did not finish within 300 ms and was stopped (SET had sent "),
                    e.getMessage());
            assertEquals(before, s.keysAndDigests());
            assertTrue(ctx.log.stream().anyMatch(l -> l.matches("benchmark clean-up: \\d+ keys under runbook-benchmark:\\* deleted, 0 left")),
                    ctx.log.toString());
        }
    }

    @Test
    void aDryRunContextGetsAWouldRunAndNoConnection() throws Exception {
        TestContext ctx = new TestContext();
        ctx.mode = Mode.DRY_RUN;
        ctx.environment = TestEnvironments.with(ctx.environment, new Environment.DataPlane("127.0.0.1",
                LocalRedis.freePort(), false, "", ""), false);

        Outcome o = benchmark(false, EnumSet.of(LoadTest.PING)).execute(ctx);

        assertEquals(Outcome.Status.WOULD_RUN, o.status());
        assertEquals("would send: PING  x2000 over 4 connections", o.summary());
    }

    @Test
    void anUnknownTestIsRefusedWhenTheRunbookLoads() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Benchmark.create(DataPlaneParams.of("phase = before, tests = [ping, mset]")));

        assertTrue(e.getMessage().contains("'mset' is not a benchmark test (known: ping, set, get, incr, lpush, lpop, "
                + "sadd, hset, zadd)"), e.getMessage());
    }

    @Test
    void afterTheChangeEachTestIsComparedWithBefore() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"))) {
            TestContext ctx = context(s, false, WRITES, "", "");
            ctx.facts.put("rps-SET", "1000");

            Outcome o = benchmark(true, EnumSet.of(LoadTest.SET)).execute(ctx);

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            double ratio = Double.parseDouble(o.facts().get("ratio-SET"));
            assertEquals(Double.parseDouble(o.facts().get("rps-SET")) / 1000, ratio, 0.01);
            assertTrue(o.summary().startsWith("Requests/s after vs before: SET "), o.summary());
            assertTrue(Files.readString(ctx.runDir.resolve("benchmark-after.csv")).contains("\"SET\""));
        }
    }

    @Test
    void theBenchmarkIsAMutation() {
        assertTrue(benchmark(false, Set.of()).mutates());
    }
}
