package dev.runbook.action.dataplane;

import dev.runbook.config.Environment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one benchmark step will send, decided from the step's parameters and the environment's settings: the
 * tests (the step's {@code tests}, else every test where writes are allowed and PING + GET where they are
 * not), which requested tests were left out because they write, and where writes go (key prefix, db). The
 * preview and the execution read the same plan, so a dry run shows exactly what a live run sends.
 */
record BenchmarkPlan(List<LoadTest> tests, List<LoadTest> leftOut, int requests, int clients, int keyspace,
                     Environment.BenchmarkWrites settings, String environment, boolean production) {
    static final List<LoadTest> READ_ONLY = List.of(LoadTest.PING, LoadTest.GET);

    static BenchmarkPlan of(Set<LoadTest> requested, int requests, int clients, int keyspace, Environment env) {
        Environment.BenchmarkWrites w = env.dataPlane().benchmark();
        Set<LoadTest> wanted = requested.isEmpty()
                ? (w.writes() ? EnumSet.allOf(LoadTest.class) : EnumSet.copyOf(READ_ONLY)) : EnumSet.copyOf(requested);
        List<LoadTest> run = new ArrayList<>();
        List<LoadTest> out = new ArrayList<>();
        for (LoadTest t : wanted) { // EnumSet: the tests' own order
            (t.writes() && !w.writes() ? out : run).add(t);
        }
        return new BenchmarkPlan(List.copyOf(run), List.copyOf(out), requests, clients, keyspace, w, env.name(),
                env.production());
    }

    boolean writes() {
        return tests.stream().anyMatch(LoadTest::writes);
    }

    String prefix() {
        return settings.keyPrefix();
    }

    /** "PING, GET" */
    String testNames() {
        return tests.stream().map(LoadTest::name).collect(Collectors.joining(", "));
    }

    /** Why it writes or does not, in the operator's words. */
    String writeRule() {
        if (!writes()) {
            return "read-only: " + (settings.writes() ? "no test that writes was asked for"
                    : environment + (production ? " is production" : "") + " and data-plane.benchmark.writes is "
                    + (production ? "not true" : "false"));
        }
        return "writes only keys under " + prefix() + "* in db " + settings.db() + ", deleted afterwards";
    }

    /** The exact commands, in order, for the preview and a dry run's would-run. */
    List<String> commands() {
        List<String> lines = new ArrayList<>();
        if (settings.db() != 0) {
            lines.add("SELECT " + settings.db() + " on each of the " + clients + " connections");
        }
        if (writes()) {
            lines.add("SCAN 0 MATCH " + prefix() + "* COUNT " + BenchmarkKeys.BATCH
                    + " (refuses to start if any key has the prefix)");
        }
        for (LoadTest t : tests) {
            lines.add(t.command(prefix(), keyspace) + "  x" + requests + " over " + clients + " connections"
                    + (t == LoadTest.GET && !writes() ? " (keys that do not exist: reads nothing)" : ""));
        }
        if (writes()) {
            lines.add("UNLINK the " + LoadTest.keysWritten(prefix(), keyspace).size() + " keys the tests can create ("
                    + prefix() + "key:*, " + prefix() + "counter:*, " + prefix() + "list|set|hash|zset), then SCAN MATCH "
                    + prefix() + "* to check none is left");
        }
        return lines;
    }

    /** Warnings for the preview: tests left out; writes on production. */
    List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!leftOut.isEmpty()) {
            w.add(leftOut.stream().map(LoadTest::name).collect(Collectors.joining(", "))
                    + (leftOut.size() == 1 ? " is left out: it writes" : " are left out: they write") + ", and " + environment
                    + " does not allow the benchmark to write (data-plane.benchmark.writes = true would).");
        }
        if (writes() && production) {
            w.add(environment + " is production and its settings allow the benchmark to write: it writes keys under "
                    + prefix() + "* and deletes them afterwards.");
        }
        return w;
    }
}
