package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {
    @TempDir
    Path dir;

    private static String fixture() throws IOException {
        try (InputStream in = BenchmarkTest.class.getResourceAsStream("/dataplane/redis-benchmark-7.0.15.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void realRedisBenchmarkCsvGivesRpsAndMedianLatencyPerTest() throws IOException {
        List<BenchmarkCsv.Result> results = BenchmarkCsv.parse(fixture());

        assertEquals(20, results.size());
        assertEquals(new BenchmarkCsv.Result("SET", 67114.09, OptionalDouble.of(0.439)), results.get(2));
        BenchmarkCsv.Result mset = results.get(19);
        assertEquals("MSET (10 keys)", mset.test());
        assertEquals("MSET-10-KEYS", mset.key());
        assertEquals("LPUSH-NEEDED-TO-BENCHMARK-LRANGE", results.get(14).key());
        assertEquals("PING_INLINE", results.get(0).key());
    }

    @Test
    void csvWithoutAHeaderFromOlderToolsGivesRpsOnly() {
        assertEquals(List.of(new BenchmarkCsv.Result("SET", 81234.5, OptionalDouble.empty())),
                BenchmarkCsv.parse("\"SET\",\"81234.50\"\n"));
    }

    @Test
    void valkeyBenchmarkIsPreferredAndTheCommandKeepsTheTokenOff() throws IOException {
        Path redisDir = Files.createDirectories(dir.resolve("a"));
        Path valkeyDir = Files.createDirectories(dir.resolve("b"));
        for (Path tool : List.of(redisDir.resolve("redis-benchmark"), valkeyDir.resolve("valkey-benchmark"))) {
            Files.writeString(tool, "#!/bin/sh\n");
            assertTrue(tool.toFile().setExecutable(true));
        }

        Path found = BenchmarkTool.locate(redisDir + java.io.File.pathSeparator + valkeyDir).orElseThrow();

        assertEquals(valkeyDir.resolve("valkey-benchmark"), found);
        assertEquals(List.of("valkey-benchmark", "-h", "h", "-p", "6379", "-n", "10", "-c", "2", "--csv", "--tls"),
                BenchmarkTool.command("valkey-benchmark", new Endpoint("h", 6379, true), 10, 2, List.of()));
    }

    @Test
    void withoutAToolTheStepIsSkippedSayingHowToInstallOne() throws Exception {
        Benchmark b = new Benchmark(false, 100_000, 50, List.of(), Duration.ofMinutes(1), dir.toString());

        Outcome o = b.execute(new TestContext());

        assertEquals(Outcome.Status.SKIPPED, o.status());
        assertEquals("Not benchmarked: neither valkey-benchmark nor redis-benchmark is installed; install one "
                + "(apt-get install redis-tools) and run this step again.", o.summary());
    }

    @Test
    void thePreviewIsTheCommandLineWithTheTokenOnlyNamed() {
        TestContext ctx = new TestContext().env("prod");
        Benchmark b = new Benchmark(false, 100_000, 50, List.of("set", "get"), Duration.ofMinutes(1), dir.toString());

        var p = b.preview(ctx);

        assertEquals(List.of("redis-benchmark -h <primary endpoint> -p 6379 -n 100000 -c 50 -t set,get --csv --tls"
                + "  (auth from $POPCORN_CACHE_AUTH_TOKEN via REDISCLI_AUTH)"), p.requests());
        assertEquals(List.of("Neither valkey-benchmark nor redis-benchmark is on PATH: this step will be skipped "
                + "(apt-get install redis-tools)."), p.warnings());
    }

    @Test
    void afterTheChangeEachTestIsComparedWithBefore() throws Exception {
        String path = System.getenv("PATH");
        assumeTrue(BenchmarkTool.locate(path).isPresent(), "redis-benchmark is not installed");
        try (LocalRedis redis = new LocalRedis(dir)) {
            TestContext ctx = new TestContext();
            ctx.runDir = dir.resolve("run");
            ctx.services.put(CacheConnector.class, redis.connector());
            ctx.facts.put("rps-SET", "1000");

            Outcome o = new Benchmark(true, 2000, 5, List.of("set"), Duration.ofMinutes(1), path).execute(ctx);

            assertEquals(Outcome.Status.SUCCEEDED, o.status(), o.summary());
            double ratio = Double.parseDouble(o.facts().get("ratio-SET"));
            assertEquals(Double.parseDouble(o.facts().get("rps-SET")) / 1000, ratio, 0.01);
            assertTrue(o.facts().containsKey("p50-ms-SET"));
            assertTrue(o.summary().startsWith("Requests/s after vs before: SET "), o.summary());
            assertTrue(Files.readString(ctx.runDir.resolve("benchmark-after.csv")).contains("\"SET\""));
        }
    }
}
