package dev.runbook.action.dataplane;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.config.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The benchmark step's numbers on this machine: Redis 7.0.15 against Valkey 8.0.1, same settings (the runbook's
 * 100000 requests x 50 connections, every test, keyspace 10000), each engine a fresh local process, in turn for
 * a number of rounds (args: requests clients rounds), then each test's median. Beside it, the tool's own redis-benchmark with the same settings, to show how the built-in load
 * generator compares. Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.runbook.action.dataplane.EnginesBench}.
 */
public final class EnginesBench {
    private EnginesBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = Files.createTempDirectory("engines-bench");
        java.util.Map<String, java.util.List<Double>> rps = new java.util.TreeMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (EngineServer.Engine engine : EngineServer.Engine.values()) {
                try (EngineServer s = EngineServer.start(engine, dir.resolve(engine + "-" + round))) {
                    TestContext ctx = new TestContext();
                    ctx.environment = TestEnvironments.with(ctx.environment, TestEnvironments.local(s, "", "",
                            new Environment.BenchmarkWrites(true, Environment.BenchmarkWrites.DEFAULT_PREFIX, 0)), false);
                    ctx.runDir = dir.resolve("run-" + engine + "-" + round);
                    Outcome o = new Benchmark(false, requests, clients, 10_000, EnumSet.noneOf(LoadTest.class),
                            Duration.ofMinutes(15)).execute(ctx);
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %-6s built-in  ", round, engine));
                    for (LoadTest t : LoadTest.values()) {
                        line.append(String.format(Locale.ROOT, " %s %s (p50 %s p99 %s)", t, o.facts().get("rps-" + t),
                                o.facts().get("p50-ms-" + t), o.facts().get("p99-ms-" + t)));
                    }
                    System.out.println(line);
                    for (LoadTest t : LoadTest.values()) {
                        rps.computeIfAbsent(t.ordinal() + " " + t + " " + engine, k -> new java.util.ArrayList<>())
                                .add(Double.parseDouble(o.facts().get("rps-" + t)));
                    }
                    Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", String.valueOf(s.port),
                            "-n", String.valueOf(requests), "-c", String.valueOf(clients), "-r", "10000",
                            "-t", "ping,set,get,incr,lpush,lpop,sadd,hset,zadd", "--csv").redirectErrorStream(true).start();
                    String csv = new String(p.getInputStream().readAllBytes());
                    p.waitFor();
                    System.out.printf(Locale.ROOT, "round %d %-6s redis-benchmark %s%n", round, engine,
                            csv.lines().skip(1).map(l -> l.split(",")[0] + " " + l.split(",")[1] + " (p50 " + l.split(",")[4]
                                    + " p99 " + l.split(",")[6] + ")").reduce((a, b) -> a + " " + b).orElse(csv));
                }
            }
        }
        System.out.println("median requests/s of the built-in load generator over " + rounds + " rounds:");
        rps.forEach((k, v) -> {
            java.util.List<Double> sorted = v.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "  %-14s %8.0f  (min %.0f, max %.0f)%n", k.substring(k.indexOf(' ') + 1),
                    sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        });
    }
}
