package dev.runbook.bench;

import dev.runbook.action.Outcome;
import dev.runbook.action.TestContext;
import dev.runbook.action.elasticache.AwaitUpgrade;
import dev.runbook.aws.UpgradingElastiCache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Measures the upgrade wait on a simulated clock: a fake group turns {@code modifying} a few seconds after the
 * request and {@code available} again after about 20 minutes (random to the millisecond), over many trials.
 * Prints API calls per minute and notice latency (how long after the group turned available the wait noticed),
 * next to the SDK waiter's fixed 15 s polling. Run:
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=dev.runbook.bench.AwaitUpgradeBench}.
 */
public final class AwaitUpgradeBench {
    static final String G = "goorm-popcorn-cache-prod";

    private AwaitUpgradeBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Random random = new Random(42);
        List<Double> latencies = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> sdkLatencies = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            long startMs = random.nextInt(30_000);
            long doneMs = Duration.ofMinutes(20).toMillis() + random.nextInt(120_000) - 60_000;
            TestContext ctx = new TestContext();
            ctx.env("prod");
            Instant t0 = ctx.time.now();
            var fake = new UpgradingElastiCache(G, 2, ctx.time, t0.plusMillis(startMs), t0.plusMillis(doneMs));
            ctx.elastiCache = fake;
            ctx.facts.put("upgrade-requested-at", t0.toString());
            Outcome o = new AwaitUpgrade(G, "valkey", "8.0").execute(ctx);
            if (o.status() != Outcome.Status.SUCCEEDED) {
                throw new IllegalStateException("trial " + i + " did not succeed: " + o.summary());
            }
            Instant noticed = ctx.time.now();
            latencies.add(Duration.between(fake.doneAt, noticed).toMillis() / 1000.0);
            rates.add(fake.calls.size() / (Duration.between(t0, noticed).toMillis() / 60_000.0));
            sdkLatencies.add(sdkWaiterLatency(doneMs));
        }
        System.out.printf("await-upgrade, %d trials, upgrade ~20 min (19-21 min, random to the ms), 2 members%n", trials);
        System.out.printf("  calls/minute: mean %.2f, max %.2f%n", mean(rates), max(rates));
        System.out.printf("  notice latency: p50 %.1f s, p95 %.1f s, max %.1f s%n", pct(latencies, 50),
                pct(latencies, 95), max(latencies));
        System.out.printf("SDK waiter (15 s x 40 attempts): gives up after 10 min, before any of these upgrades ends;"
                + " with unlimited attempts it would notice at p50 %.1f s, p95 %.1f s at 4 calls/minute%n",
                pct(sdkLatencies, 50), pct(sdkLatencies, 95));
    }

    /** The SDK waiter polls at 0, 15 s, 30 s, ...: how long after {@code doneMs} it would see available. */
    static double sdkWaiterLatency(long doneMs) {
        long polls = (doneMs + 14_999) / 15_000;
        return (polls * 15_000 - doneMs) / 1000.0;
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    static double max(List<Double> xs) {
        return Collections.max(xs);
    }

    static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
