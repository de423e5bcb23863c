package dev.runbook.action.dataplane;

import dev.runbook.action.ReportKind;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;

/**
 * {@code dataplane.benchmark}: the guide's {@code redis-benchmark -n 100000 -c 50}, measured by the built-in
 * {@link LoadGenerator} over the data plane's own connections (TLS with the settings' CA, AUTH in the
 * protocol, bounded replies) because redis-benchmark and valkey-benchmark take the password only on their
 * command line and hang on an untrusted certificate. Before ({@code phase = before}) and after the change;
 * after, the requests/s of each test against the before step's (the guide promises "up to 2x").
 *
 * <p>It mutates: it loads the cache and may write, so it is confirmed and a dry run only shows it. Where the
 * settings do not allow writes (by default on a production environment) it runs only PING and GET of keys
 * that do not exist; where they do, every key it writes is under the dedicated prefix and deleted afterwards.
 */
public final class Benchmark implements Action {
    /** Bound on the connect, the TLS handshake and every reply. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    /** PINGs sent (and not counted) before the first test. */
    static final int WARM_UP_PINGS = 2000;
    private final boolean after;
    private final int requests;
    private final int clients;
    private final int keyspace;
    private final Set<LoadTest> tests;
    private final Duration timeout;

    public Benchmark(boolean after, int requests, int clients, int keyspace, Set<LoadTest> tests, Duration timeout) {
        this.after = after;
        this.requests = requests;
        this.clients = clients;
        this.keyspace = keyspace;
        this.tests = tests.isEmpty() ? EnumSet.noneOf(LoadTest.class) : EnumSet.copyOf(tests);
        this.timeout = timeout;
    }

    public static Benchmark create(Params p) {
        boolean after = p.oneOf("phase", List.of("before", "after")).equals("after");
        Set<LoadTest> tests = EnumSet.noneOf(LoadTest.class);
        for (String name : p.strings("tests", List.of())) {
            tests.add(Arrays.stream(LoadTest.values()).filter(t -> t.word().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> p.invalid("tests", "'" + name + "' is not a benchmark test (known: "
                            + Arrays.stream(LoadTest.values()).map(LoadTest::word).collect(Collectors.joining(", ")) + ")")));
        }
        Benchmark b = new Benchmark(after, p.integer("requests", 1, 100_000_000, 100_000),
                p.integer("clients", 1, 1_000, 50), p.integer("keyspace", 1, 1_000_000, 10_000), tests,
                p.duration("timeout", Duration.ofMinutes(15)));
        return b;
    }

    private String phase() {
        return after ? "after" : "before";
    }

    private BenchmarkPlan plan(PreviewContext ctx) {
        return BenchmarkPlan.of(tests, requests, clients, keyspace, ctx.environment());
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        BenchmarkPlan plan = plan(ctx);
        Preview p = new Preview("Benchmark " + JedisConnector.previewEndpoint(ctx) + ": " + (plan.tests().isEmpty()
                ? "no test to run" : plan.testNames()) + ", " + requests + " requests each over " + clients
                + " connections (" + plan.writeRule() + ")"
                + (after ? "; compare requests/s with before (guide: up to 2x)" : ""), plan.commands(), List.of());
        for (String w : plan.warnings()) {
            p = p.withWarning(w);
        }
        return p;
    }

    /** Always: it loads the cache (and may write to it), so it is confirmed and a dry run never sends it. */
    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        BenchmarkPlan plan = plan(ctx);
        if (ctx.mode() == Mode.DRY_RUN) { // the run never asks, but a dry run must not load the cache whoever asks
            return Outcome.wouldRun("would send: " + String.join(" ; ", plan.commands())).build();
        }
        if (plan.tests().isEmpty()) {
            return Outcome.skipped("Not benchmarked: every test asked for writes, and " + plan.writeRule() + ".").build();
        }
        try {
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            if (!(connector instanceof JedisConnector real)) {
                return Outcome.skipped("Not benchmarked: " + connector.describe() + " is simulated; a benchmark needs a real engine.")
                        .build();
            }
            ctx.progress().log("benchmark " + connector.describe() + ": " + plan.testNames() + " (" + plan.writeRule() + ")");
            BenchmarkRun run = new BenchmarkRun(real, plan, ctx);
            List<LoadGenerator.Result> results = run.measure(System.nanoTime() + timeout.toNanos());
            save(ctx, results);
            Outcome.Builder out = after ? compare(ctx, results) : record(results, Outcome.succeeded(line(results)));
            plan.warnings().forEach(out::warning);
            out.fact("benchmark-writes", plan.writes() ? plan.prefix() + "* in db " + plan.settings().db() : "none");
            if (plan.writes()) {
                out.fact("benchmark-keys-deleted", run.deleted()).fact("benchmark-keys-left", run.left());
            }
            return out.build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage(), null, null, e);
        } catch (LoadGenerator.TimedOut e) {
            throw new ActionException("The benchmark did not finish within " + format(timeout) + " and was stopped ("
                    + e.getMessage() + "): try fewer requests or tests.", null, null, e);
        } catch (IOException e) {
            throw new ActionException("Cannot save the benchmark's results in " + ctx.runDir() + " (" + e.getMessage()
                    + ").", null, null, e);
        }
    }

    private static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** {@code benchmark-<phase>.csv} in the run folder (owner-only), one line a test, redis-benchmark's column names. */
    private void save(ActionContext ctx, List<LoadGenerator.Result> results) throws IOException {
        Files.createDirectories(ctx.runDir());
        Path csv = ctx.runDir().resolve("benchmark-" + phase() + ".csv");
        RunFiles.createOwnerOnly(csv);
        StringBuilder s = new StringBuilder("\"test\",\"rps\",\"avg_latency_ms\",\"p50_latency_ms\",\"p99_latency_ms\","
                + "\"requests\",\"clients\"\n");
        for (LoadGenerator.Result r : results) {
            s.append(String.format(Locale.ROOT, "\"%s\",\"%.2f\",\"%.3f\",\"%.3f\",\"%.3f\",\"%d\",\"%d\"%n", r.test(),
                    r.rps(), r.avgMs(), r.p50Ms(), r.p99Ms(), r.requests(), clients));
        }
        Files.writeString(csv, s);
    }

    private Outcome.Builder record(List<LoadGenerator.Result> results, Outcome.Builder b) {
        for (LoadGenerator.Result r : results) {
            b.fact("rps-" + r.test(), String.format(Locale.ROOT, "%.0f", r.rps()));
            b.fact("p50-ms-" + r.test(), String.format(Locale.ROOT, "%.3f", r.p50Ms()));
            b.fact("p99-ms-" + r.test(), String.format(Locale.ROOT, "%.3f", r.p99Ms()));
        }
        return b;
    }

    private Outcome.Builder compare(ActionContext ctx, List<LoadGenerator.Result> results) {
        Map<LoadGenerator.Result, Double> ratios = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (LoadGenerator.Result r : results) {
            Optional<Double> before = ctx.fact("rps-" + r.test()).map(Double::parseDouble).filter(v -> v > 0);
            if (before.isEmpty()) {
                warnings.add(r.test() + ": no result from before the change to compare with.");
            } else {
                ratios.put(r, r.rps() / before.get());
            }
        }
        StringBuilder text = new StringBuilder();
        ratios.forEach((r, ratio) -> {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2fx", r.test(), ratio));
            if (ratio < 0.9) {
                warnings.add(String.format(Locale.ROOT, "%s is slower after the change (%.2fx of before).", r.test(), ratio));
            }
        });
        String summary = ratios.isEmpty() ? line(results) + " (nothing from before to compare with)"
                : "Requests/s after vs before: " + text + " (guide: up to 2x)";
        Outcome.Builder out = record(results, Outcome.succeeded(summary));
        ratios.forEach((r, ratio) -> out.fact("ratio-" + r.test(), String.format(Locale.ROOT, "%.2f", ratio)));
        warnings.forEach(out::warning);
        return out;
    }

    private static String line(List<LoadGenerator.Result> results) {
        return results.stream().map(LoadGenerator.Result::line).collect(Collectors.joining(", "));
    }

    /** One execution: the prefix check, the tests, and the clean-up that runs whatever happened. */
    private static final class BenchmarkRun {
        private final JedisConnector connector;
        private final BenchmarkPlan plan;
        private final ActionContext ctx;
        private long deleted;
        private int left;

        BenchmarkRun(JedisConnector connector, BenchmarkPlan plan, ActionContext ctx) {
            this.connector = connector;
            this.plan = plan;
            this.ctx = ctx;
        }

        long deleted() {
            return deleted;
        }

        int left() {
            return left;
        }

        List<LoadGenerator.Result> measure(long deadline) throws InterruptedException, LoadGenerator.TimedOut {
            if (plan.writes()) {
                refuseIfPrefixInUse();
            }
            List<LoadGenerator.Result> results = new ArrayList<>();
            boolean finished = false;
            try (LoadGenerator load = new LoadGenerator(connector, plan.clients(), plan.settings().db(), REPLY_TIMEOUT)) {
                // Not counted: the first commands also pay for the JIT compiling the client's code path.
                load.run(LoadTest.PING, Math.min(WARM_UP_PINGS, plan.requests()), plan.keyspace(), plan.prefix(), deadline);
                for (LoadTest t : plan.tests()) {
                    ctx.progress().status("Benchmark " + t + " (" + plan.requests() + " requests over "
                            + plan.clients() + " connections)");
                    LoadGenerator.Result r = load.run(t, plan.requests(), plan.keyspace(), plan.prefix(), deadline);
                    ctx.progress().log("benchmark " + r.line());
                    results.add(r);
                }
                finished = true;
            } finally {
                if (plan.writes()) {
                    cleanUp(finished);
                }
            }
            return results;
        }

        private Jedis admin() {
            Jedis j = connector.connect(REPLY_TIMEOUT);
            if (plan.settings().db() != 0) {
                j.select(plan.settings().db());
            }
            return j;
        }

        private void refuseIfPrefixInUse() {
            try (Jedis j = admin()) {
                List<String> found = BenchmarkKeys.existing(j, plan.prefix(), 3);
                if (!found.isEmpty()) {
                    throw new CacheException("Not benchmarked: keys with the benchmark's prefix already exist in db "
                            + plan.settings().db() + " (e.g. " + String.join(", ", found) + "): they may be the "
                            + "application's, or left by an interrupted benchmark. Look at them (valkey-cli --scan "
                            + "--pattern '" + plan.prefix() + "*'), delete them if they are the benchmark's, or set "
                            + "another data-plane.benchmark.key-prefix.");
                }
            } catch (JedisException e) {
                throw JedisCacheClient.translate(e, connector.endpoint().toString());
            }
        }

        /** Deletes what the tests wrote; on failure says which keys may be left and how to remove them. */
        private void cleanUp(boolean finished) {
            try (Jedis j = admin()) {
                deleted = BenchmarkKeys.delete(j, plan.prefix(), plan.keyspace());
                left = BenchmarkKeys.existing(j, plan.prefix(), 100).size();
                ctx.progress().log("benchmark clean-up: " + deleted + " keys under " + plan.prefix() + "* deleted, "
                        + left + " left");
            } catch (RuntimeException e) {
                String how = "keys under " + plan.prefix() + "* in db " + plan.settings().db() + " may be left: delete them "
                        + "(valkey-cli --scan --pattern '" + plan.prefix() + "*' | xargs valkey-cli unlink)";
                if (finished) {
                    throw new CacheException("The benchmark ran but its clean-up failed (" + e.getMessage() + "): " + how
                            + ".", e);
                }
                ctx.progress().log("benchmark clean-up failed (" + e.getMessage() + "): " + how);
            }
        }
    }

    /** No SSM form: the benchmark loads the cache from this process and compares with the before step's run. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.notExportable("the " + (after ? "after" : "before") + " benchmark loads the cache from the"
                + " runbook's own load generator (writing only under its prefix, cleaned up) and compares requests/s"
                + " with the before step's, kept in the terminal run");
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(phase().equals("after") ? ReportKind.BENCHMARK_AFTER : ReportKind.BENCHMARK_BEFORE);
    }
}
