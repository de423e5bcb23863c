package dev.runbook.action.dataplane;

import dev.runbook.run.RunFiles;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code dataplane.benchmark}: the guide's {@code redis-benchmark -n 100000 -c 50}, with {@code --csv}, before
 * ({@code phase = before}) and after the change; after, the requests/s of each test against the before step's
 * (the guide promises "up to 2x"). The CSV and the tool's messages are saved in the run folder. Without
 * valkey-benchmark or redis-benchmark on PATH the step is skipped, saying how to install one.
 */
public final class Benchmark implements Action {
    private final boolean after;
    private final int requests;
    private final int clients;
    private final List<String> tests;
    private final Duration timeout;
    private final String path;

    public Benchmark(boolean after, int requests, int clients, List<String> tests, Duration timeout, String path) {
        this.after = after;
        this.requests = requests;
        this.clients = clients;
        this.tests = List.copyOf(tests);
        this.timeout = timeout;
        this.path = path;
    }

    public static Benchmark create(Params p) {
        boolean after = p.oneOf("phase", List.of("before", "after")).equals("after");
        Benchmark b = new Benchmark(after, p.integer("requests", 1, 100_000_000, 100_000),
                p.integer("clients", 1, 10_000, 50), p.strings("tests", List.of()),
                p.duration("timeout", Duration.ofMinutes(15)), System.getenv("PATH"));
        p.finish();
        return b;
    }

    private String phase() {
        return after ? "after" : "before";
    }

    @Override
    public Preview preview(ActionContext ctx) {
        var dp = ctx.environment().dataPlane();
        String tool = BenchmarkTool.locate(path).map(t -> t.getFileName().toString()).orElse("redis-benchmark");
        Endpoint shown = new Endpoint(dp.host().isBlank() ? "<primary endpoint>" : dp.host(), dp.port(), dp.tls());
        String auth = AuthToken.source(dp.authTokenEnv(), dp.authTokenFile());
        Preview preview = Preview.of("Benchmark " + shown + (after ? " and compare requests/s with before (guide: up to 2x)" : ""),
                String.join(" ", BenchmarkTool.command(tool, shown, requests, clients, tests))
                        + ("none".equals(auth) ? "" : "  (auth from " + auth + " via " + BenchmarkTool.AUTH_VARIABLE + ")"));
        return BenchmarkTool.locate(path).isPresent() ? preview
                : preview.withWarning("Neither valkey-benchmark nor redis-benchmark is on PATH: this step will be skipped ("
                        + BenchmarkTool.HOW_TO_INSTALL + ").");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        Optional<Path> tool = BenchmarkTool.locate(path);
        if (tool.isEmpty()) {
            return Outcome.skipped("Not benchmarked: neither valkey-benchmark nor redis-benchmark is installed; install one ("
                    + BenchmarkTool.HOW_TO_INSTALL + ") and run this step again.").build();
        }
        try {
            CacheConnector connector = ctx.service(CacheConnector.class).orElseGet(() -> JedisConnector.forRun(ctx));
            if (!(connector instanceof JedisConnector real)) {
                return Outcome.skipped("Not benchmarked: " + connector.describe() + " is simulated; a benchmark needs a real engine.")
                        .build();
            }
            List<BenchmarkCsv.Result> results = run(ctx, tool.get(), real);
            return after ? compare(ctx, results) : record(results, Outcome.succeeded(line(results))).build();
        } catch (CacheException e) {
            throw new ActionException(e.getMessage(), null, null, e);
        } catch (IOException e) {
            throw new ActionException("Cannot run " + tool.get() + " (" + e.getMessage() + "): check it runs from this shell.",
                    null, null, e);
        }
    }

    private List<BenchmarkCsv.Result> run(ActionContext ctx, Path tool, JedisConnector connector)
            throws IOException, InterruptedException, ActionException {
        List<String> cmd = BenchmarkTool.command(tool.toString(), connector.endpoint(), requests, clients, tests);
        Files.createDirectories(ctx.runDir());
        Path csv = ctx.runDir().resolve("benchmark-" + phase() + ".csv");
        Path log = ctx.runDir().resolve("benchmark-" + phase() + ".log");
        RunFiles.createOwnerOnly(csv);
        RunFiles.createOwnerOnly(log);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(csv.toFile()).redirectError(log.toFile());
        connector.token().ifPresent(t -> pb.environment().put(BenchmarkTool.AUTH_VARIABLE, t));
        ctx.progress().log(String.join(" ", cmd));
        ctx.progress().status("Benchmarking " + connector.describe() + " (" + requests + " requests per test)");
        Process process = pb.start();
        try {
            // A child process in real time: the virtual clock cannot speed it up.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ActionException("The benchmark did not finish within " + timeout.toMinutes()
                        + " min and was stopped: try fewer requests or tests.");
            }
        } finally {
            process.destroyForcibly();
        }
        List<BenchmarkCsv.Result> results = BenchmarkCsv.parse(Files.readString(csv));
        if (process.exitValue() != 0 || results.isEmpty()) {
            List<String> messages = Files.readAllLines(log);
            String last = messages.isEmpty() ? "no output" : messages.get(messages.size() - 1);
            throw new ActionException(tool.getFileName() + " failed (exit " + process.exitValue() + ": " + last
                    + "); its output is in " + log + ".");
        }
        return results;
    }

    private Outcome.Builder record(List<BenchmarkCsv.Result> results, Outcome.Builder b) {
        for (BenchmarkCsv.Result r : results) {
            b.fact("rps-" + r.key(), String.format(Locale.ROOT, "%.0f", r.rps()));
            r.p50Ms().ifPresent(p -> b.fact("p50-ms-" + r.key(), String.format(Locale.ROOT, "%.3f", p)));
        }
        return b;
    }

    private Outcome compare(ActionContext ctx, List<BenchmarkCsv.Result> results) {
        Map<BenchmarkCsv.Result, Double> ratios = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (BenchmarkCsv.Result r : results) {
            Optional<Double> before = ctx.fact("rps-" + r.key()).map(Double::parseDouble).filter(v -> v > 0);
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
        ratios.forEach((r, ratio) -> out.fact("ratio-" + r.key(), String.format(Locale.ROOT, "%.2f", ratio)));
        warnings.forEach(out::warning);
        return out.build();
    }

    private static String line(List<BenchmarkCsv.Result> results) {
        StringBuilder s = new StringBuilder();
        for (BenchmarkCsv.Result r : results) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f rps", r.test(), r.rps()));
        }
        return s.toString();
    }
}
