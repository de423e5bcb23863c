package dev.runbook.bench;

import dev.runbook.action.dataplane.CacheClient;
import dev.runbook.action.dataplane.DataFingerprint;
import dev.runbook.action.dataplane.FingerprintComparison;
import dev.runbook.aws.engines.EngineBinary;
import dev.runbook.aws.engines.EngineKind;
import dev.runbook.aws.engines.RealEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cost of {@code rehearse --real-engines}: a dev rehearsal at the default speed with a 35,000-key RDB (every type,
 * ~3-4 MB) against the simulated-endpoint rehearsal, in the same run: wall time and peak RSS (the JVM, and the
 * JVM plus its engines); the engine swap's real overhead (from runbook.log); the full compare's time per 100k
 * keys. Twice for the real engines: with the runbook as it is (two benchmark steps of 100,000 requests per test,
 * which the simulated rehearsal skips) and with a runbook copy whose benchmarks send 2,000, to show what the
 * engines themselves cost. Several interleaved rounds ({@code -Dbench.runs=3}), medians. Run after
 * {@code mvn -B -q package -DskipTests}:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.RealEnginesBench} (add
 * {@code -Dexec.args=compare} for the full compare of 100k keys alone).
 */
public final class RealEnginesBench {
    private static final String JAR = "target/valkey-runbook.jar";
    /** {@code -Dbench.launcher=true}: through the launcher operators use (capped serial-GC heap), not java -jar. */
    private static final String LAUNCHER = "target/valkey-runbook";

    private RealEnginesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("real-engines-bench");
        Map<EngineKind, EngineBinary> binaries = Map.of(
                EngineKind.REDIS, EngineBinary.locate(EngineKind.REDIS, "", System.getenv("PATH")),
                EngineKind.VALKEY, EngineBinary.locate(EngineKind.VALKEY, "", System.getenv("PATH")));
        if (args.length > 0 && args[0].equals("compare")) {
            fullCompare(work, binaries, 100_000);
            return;
        }
        int rounds = Integer.getInteger("bench.runs", 3);
        Path rdb = rdb(work, binaries, 35_000);
        System.out.printf(Locale.ROOT, "RDB: 35000 keys, %.2f MB; %d rounds through %s, each: simulated, real as is,"
                + " real with benchmarks of 2000%n", Files.size(rdb) / 1e6, rounds,
                Boolean.getBoolean("bench.launcher") ? "the launcher" : "java -jar");

        Path fast = work.resolve("fast-benchmark.conf");
        Files.writeString(fast, Files.readString(Path.of("runbooks/valkey-migration.conf"))
                .replace("requests = 100000", "requests = 2000"));
        List<Result> sim = new ArrayList<>();
        List<Result> real = new ArrayList<>();
        List<Result> realFast = new ArrayList<>();
        for (int i = 0; i < rounds; i++) { // interleaved: a slower minute of the shared machine hits all three
            sim.add(rehearse(work.resolve("sim-" + i), List.of()));
            real.add(rehearse(work.resolve("real-" + i), List.of("--real-engines", "--data", rdb.toString())));
            realFast.add(rehearse(work.resolve("real-fast-" + i), List.of("--real-engines", "--data", rdb.toString(),
                    "--runbook", fast.toString())));
            System.out.println(sim.get(i).line("simulated endpoint"));
            System.out.println(real.get(i).line("real engines, runbook as is"));
            System.out.println(realFast.get(i).line("real engines, benchmarks of 2000"));
            System.out.println("  steps (real as is): " + steps(real.get(i).dir));
        }
        Result s = median(sim);
        Result r = median(real);
        Result f = median(realFast);
        System.out.println("medians of " + rounds + ":");
        System.out.println(s.line("simulated endpoint"));
        System.out.println(r.line("real engines, runbook as is"));
        System.out.println(f.line("real engines, benchmarks of 2000"));
        System.out.printf(Locale.ROOT, "real/simulated wall time (medians): %.2fx (as is), %.2fx (benchmarks of 2000)%n",
                r.wallMs / (double) s.wallMs, f.wallMs / (double) s.wallMs);
        System.out.println("engine swap (real engines): " + swap(realFast.get(0).dir));
        fullCompare(work, binaries, 100_000);
    }

    /** The median of each measure separately (wall, RSS), with the exit of the median wall time's run. */
    private static Result median(List<Result> results) {
        List<Result> byWall = results.stream().sorted((a, b) -> Long.compare(a.wallMs, b.wallMs)).toList();
        Result mid = byWall.get(byWall.size() / 2);
        long jvm = results.stream().mapToLong(Result::jvmRssKb).sorted().toArray()[results.size() / 2];
        long total = results.stream().mapToLong(Result::totalRssKb).sorted().toArray()[results.size() / 2];
        return new Result(mid.wallMs, jvm, total, mid.exit, mid.dir);
    }

    /** The real seconds of the steps that took more than 0.3 s (from the journal; the virtual clock runs at 60x). */
    private static String steps(Path dir) throws IOException {
        Map<String, java.time.Instant> started = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
            var e = json.readTree(line);
            String step = e.path("step").asText();
            java.time.Instant ts = java.time.Instant.parse(e.path("ts").asText());
            String event = e.path("event").asText();
            if (event.equals("started")) {
                started.put(step, ts);
            } else if (started.containsKey(step) && List.of("succeeded", "failed", "skipped").contains(event)) {
                double real = Duration.between(started.get(step), ts).toMillis() / 60_000.0;
                if (real > 0.3) {
                    out.add(String.format(Locale.ROOT, "%s %.1f s", step.substring(step.indexOf('/') + 1), real));
                }
            }
        }
        return String.join(", ", out);
    }

    private static Path rdb(Path work, Map<EngineKind, EngineBinary> binaries, int keys) throws IOException {
        RealEngines e = RealEngines.start(work.resolve("seed"), binaries, Optional.empty(), "none", "g", "g-001",
                new RealEngines.Generated(keys));
        try {
            e.snapshot("g", "g-001", "bench");
            return Files.copy(e.file("bench").orElseThrow().path(), work.resolve("bench-35k.rdb"));
        } finally {
            e.close();
        }
    }

    private record Result(long wallMs, long jvmRssKb, long totalRssKb, int exit, Path dir) {
        String line(String what) {
            return String.format(Locale.ROOT, "%-34s wall %6.1f s, peak RSS JVM %5.0f MB, JVM + engines %5.0f MB (exit %d)",
                    what, wallMs / 1000.0, jvmRssKb / 1024.0, totalRssKb / 1024.0, exit);
        }
    }

    private static Result rehearse(Path runs, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(Boolean.getBoolean("bench.launcher") ? List.of(LAUNCHER)
                : List.of("java", "-jar", JAR));
        cmd.addAll(List.of("rehearse", "--env", "dev", "--non-interactive", "--runs-dir", runs.toString()));
        cmd.addAll(extra);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(Files.createDirectories(runs).resolve("out.txt").toFile()).start();
        AtomicLong jvm = new AtomicLong();
        AtomicLong total = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            long own = rss(p.pid());
            jvm.accumulateAndGet(own, Math::max);
            total.accumulateAndGet(own + p.descendants().mapToLong(d -> rss(d.pid())).sum(), Math::max);
        }, 0, 50, TimeUnit.MILLISECONDS);
        int exit = p.waitFor();
        long wall = (System.nanoTime() - t0) / 1_000_000;
        sampler.shutdownNow();
        Path dir;
        try (Stream<Path> s = Files.list(runs)) {
            dir = s.filter(Files::isDirectory).findFirst().orElse(runs);
        }
        return new Result(wall, jvm.get(), total.get(), exit, dir);
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two samples
        }
        return 0;
    }

    /** "stopped in N ms, Valkey started and loaded in M ms" from the run's log. */
    private static String swap(Path dir) throws IOException {
        String log = Files.readString(dir.resolve("runbook.log"));
        Matcher stop = Pattern.compile("stopped for its change in (\\d+) ms").matcher(log);
        Matcher start = Pattern.compile("runs valkey-server .* \\(started and loaded in (\\d+) ms\\)").matcher(log);
        return (stop.find() ? "Redis saved and stopped in " + stop.group(1) + " ms" : "no stop logged") + ", "
                + (start.find() ? "Valkey started and loaded the data in " + start.group(1) + " ms" : "no start logged");
    }

    private static void fullCompare(Path work, Map<EngineKind, EngineBinary> binaries, int keys) {
        RealEngines e = RealEngines.start(work.resolve("compare"), binaries, Optional.empty(), "none", "g", "g-001",
                new RealEngines.Generated(keys));
        try (CacheClient client = e.connector("g").open(Duration.ofSeconds(30))) {
            long t0 = System.nanoTime();
            DataFingerprint fp = DataFingerprint.record(client, 1000, Integer.MAX_VALUE, "bench", "now");
            long t1 = System.nanoTime();
            FingerprintComparison c = FingerprintComparison.compare(client, fp);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "full compare of %d keys (through the endpoint): record %.2f s, compare %.2f s"
                    + " (%s)%n", fp.keys().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, c.intact() ? "intact" : "differs");
        } finally {
            e.close();
        }
    }
}
