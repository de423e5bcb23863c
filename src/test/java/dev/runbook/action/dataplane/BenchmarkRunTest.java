package dev.runbook.action.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.TestContext;
import dev.runbook.aws.TestBackend;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.report.ReportWriter;
import dev.runbook.run.Autopilot;
import dev.runbook.run.Confirmation;
import dev.runbook.run.ConfirmRequest;
import dev.runbook.run.Journal;
import dev.runbook.run.Run;
import dev.runbook.run.RunInfo;
import dev.runbook.run.RunListener;
import dev.runbook.run.StepState;
import dev.runbook.run.StepStatus;
import dev.runbook.runbook.RunbookLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The benchmark step inside a real {@link Run} (journal, confirmations, dry-run rule, report) against real
 * Redis 7.0.15 / Valkey 8.0.1 processes: what a dry run leaves, AUTH and where the token may appear, TLS.
 */
@Timeout(120)
class BenchmarkRunTest {
    private static final String TOKEN = "bench-Auth-Token-5f1d0c9a77";
    private static final String RUNBOOK = """
            runbook {
              id = bench-test
              title = "Benchmark"
              sections = [
                { id = verify, title = Verify, guide = "검증", steps = [
                  { id = benchmark-before, title = "Benchmark", guide = "성능 테스트", action = dataplane.benchmark,
                    with { phase = before, requests = 3000, clients = 4, keyspace = 100 } }
                ]}
              ]
            }
            """;

    @TempDir
    static Path certs;
    private static TestTls tls;
    private static TestTls otherCa;

    @TempDir
    Path dir;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<StepState> states = Collections.synchronizedList(new ArrayList<>());
    private final List<ConfirmRequest> confirmations = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = TestTls.create(certs, "bench");
        otherCa = TestTls.create(certs, "other");
    }

    private Run run(Mode mode, Environment env) throws IOException {
        Settings settings = TestSettings.load();
        Path file = Files.writeString(dir.resolve("bench.conf"), RUNBOOK);
        var runbook = new RunbookLoader(ActionRegistry.standard()).load(file, env);
        Path runDir = Files.createDirectories(dir.resolve("runs").resolve("20261129-043000-" + env.name()));
        return new Run(new RunInfo("20261129-043000-" + env.name(), runDir, "tester", Map.of()), runbook, env, settings,
                new TestBackend(mode, new TestContext.ManualTime(Instant.parse("2026-11-29T04:30:00Z"))),
                Journal.open(runDir), new RunListener() {
                    @Override
                    public void log(String line) {
                        log.add(line);
                    }

                    @Override
                    public void stepChanged(StepState state) {
                        states.add(state);
                    }
                });
    }

    private StepState drive(Run run) throws InterruptedException {
        run.started();
        new Autopilot(run, req -> {
            confirmations.add(req);
            return new Confirmation(true, "tester", "auto");
        }).drive();
        run.ended("completed");
        return run.state("verify/benchmark-before");
    }

    private static Environment env(String name, EngineServer s, String ca, String tokenFile, boolean production,
                                   Environment.BenchmarkWrites writes) {
        Environment base = TestSettings.load().environment(name);
        return TestEnvironments.with(base, TestEnvironments.local(s, ca, tokenFile, writes), production);
    }

    @Test
    void aDryRunLeavesDbsizeAndEveryKeyUntouchedAndSendsNothing() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.REDIS, dir.resolve("server"))) {
            long dbsize;
            try (Jedis j = s.jedis()) {
                BenchmarkTest.seed(j);
                dbsize = j.dbSize();
                j.configResetStat();
            }
            Map<String, String> before = s.keysAndDigests();
            Run run = run(Mode.DRY_RUN, env("dev", s, "", "", false, BenchmarkTest.WRITES));

            StepState state = drive(run);

            assertEquals(StepStatus.WOULD_RUN, state.status());
            assertTrue(state.outcome().summary().startsWith("would send: SCAN 0 MATCH runbook-benchmark:* COUNT 1000"),
                    state.outcome().summary());
            assertTrue(state.outcome().summary().contains("SET runbook-benchmark:key:<0..99> xxx  x3000 over 4 connections"),
                    state.outcome().summary());
            assertTrue(confirmations.isEmpty(), "a dry run asks for nothing it will not send");
            assertEquals(before, s.keysAndDigests());
            try (Jedis j = s.jedis()) {
                assertEquals(dbsize, j.dbSize());
                String stats = j.info("commandstats");
                for (String cmd : List.of("set", "get", "ping", "scan", "lpush", "unlink")) {
                    assertFalse(stats.contains("cmdstat_" + cmd + ":"), cmd + " reached the server: " + stats);
                }
            }
            assertFalse(Files.exists(run.info().dir().resolve("benchmark-before.csv")));
        }
    }

    @Test
    void aLiveRunConfirmsTheBenchmarkAndAuthWorksWithTheTokenInNoProcessArgumentsNorRecord() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"), TOKEN, null)) {
            try (Jedis j = s.jedis()) {
                BenchmarkTest.seed(j);
            }
            Map<String, String> before = s.keysAndDigests();
            Run run = run(Mode.LIVE, env("dev", s, "", tokenFile.toString(), false, BenchmarkTest.WRITES));
            AtomicBoolean done = new AtomicBoolean();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            Thread watcher = new Thread(() -> {
                while (!done.get()) { // every process's argument list, while the benchmark runs
                    seen.addAll(commandLinesHolding(TOKEN));
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
                }
            });
            watcher.start();
            StepState state;
            try {
                state = drive(run);
            } finally {
                done.set(true);
                watcher.join();
            }

            assertEquals(StepStatus.DONE, state.status(), state.outcome() == null ? "" : state.outcome().summary());
            assertEquals(1, confirmations.size(), "the benchmark is confirmed like any change");
            assertEquals(before, s.keysAndDigests());
            assertEquals(List.of(), seen, "the token was in a process's argument list");
            StringWriter printed = new StringWriter();
            ReportWriter.finish(run, new PrintWriter(printed));
            try (Stream<Path> files = Files.walk(run.info().dir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(TOKEN), f + " holds the token");
                }
            }
            assertFalse(printed.toString().contains(TOKEN));
            assertFalse(String.join("\n", log).contains(TOKEN));
            assertTrue(String.join("\n", log).contains("benchmark SET "), log.toString());
        }
    }

    @Test
    void aWrongTokenIsRefusedWithTheSettingToCheck() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "not-the-token\n");
        try (EngineServer s = EngineServer.start(EngineServer.Engine.REDIS, dir.resolve("server"), TOKEN, null)) {
            StepState state = drive(run(Mode.LIVE, env("dev", s, "", tokenFile.toString(), false, BenchmarkTest.WRITES)));

            assertEquals(StepStatus.FAILED, state.status());
            assertTrue(state.outcome().summary().startsWith("127.0.0.1:" + s.port + " refused the credentials (WRONGPASS"),
                    state.outcome().summary());
        }
    }

    @Test
    void tlsWithTheCaTheSettingsNameWorksAndOnProductionOnlyReads() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"), TOKEN, tls)) {
            try (Jedis j = s.jedis()) {
                BenchmarkTest.seed(j);
            }
            Map<String, String> before = s.keysAndDigests();
            Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);

            StepState state = drive(run(Mode.LIVE, env("prod", s, tls.caCert().toString(), tokenFile.toString(), true,
                    Environment.BenchmarkWrites.defaults(true))));

            assertEquals(StepStatus.DONE, state.status(), state.outcome().summary());
            assertTrue(state.outcome().summary().matches("PING \\d+ rps \\(p50 [0-9.]+ ms, p99 [0-9.]+ ms\\), "
                    + "GET \\d+ rps \\(p50 [0-9.]+ ms, p99 [0-9.]+ ms\\)"), state.outcome().summary());
            assertEquals(before, s.keysAndDigests());
        }
    }

    @Test
    void anUntrustedCertificateFailsFastWithAClearSentence() throws Exception {
        try (EngineServer s = EngineServer.start(EngineServer.Engine.VALKEY, dir.resolve("server"), null, tls)) {
            long start = System.nanoTime();
            StepState state = drive(run(Mode.LIVE, env("dev", s, otherCa.caCert().toString(), "", false,
                    BenchmarkTest.WRITES)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(StepStatus.FAILED, state.status());
            assertTrue(state.outcome().summary().startsWith("127.0.0.1:" + s.port + " (TLS): certificate not trusted ("),
                    state.outcome().summary());
            assertTrue(took.compareTo(Benchmark.REPLY_TIMEOUT) < 0, "took " + took);
        }
    }

    /** The command lines of every process on the machine that hold {@code secret} (as /proc shows them). */
    static List<String> commandLinesHolding(String secret) {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.contains(secret)) {
                        hits.add(p.getFileName() + ": " + cmd.replace('\0', ' '));
                    }
                } catch (IOException e) {
                    // the process ended meanwhile, or is not ours to read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return hits;
    }
}
