package dev.runbook.report;

import dev.runbook.action.ReportKind;
import dev.runbook.config.Environment;
import dev.runbook.config.Prices;
import dev.runbook.report.CompletionReport.Measured;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sections of the completion report, one method each, reading the facts of the steps that measure them
 * (describe-group, await-upgrade, manual-snapshot, probe-stop, cloudwatch, benchmark-*, data-intact).
 */
final class RunSections {
    /** The guide's monthly cost claims per environment ("비용" table). */
    private static final Map<String, String> GUIDE_COST = Map.of(
            "dev", "~$12 → ~$12 (guide: \"same\")", "prod", "~$23 → ~$47 (guide: a replica is added)");

    private RunSections() {
    }

    static List<CompletionReport.EngineRow> engine(CompletionReportBuilder b) {
        Measured before = b.factOf(ReportKind.GROUP, "member-versions");
        Measured after = b.factOf(ReportKind.UPGRADE_WAIT, "member-versions-after");
        Measured engineBefore = b.factOf(ReportKind.GROUP, "engine");
        Measured engineAfter = b.factOf(ReportKind.UPGRADE_WAIT, "engine-after");
        Map<String, String> mb = before.present() ? CompletionReportBuilder.members(before.value()) : Map.of();
        Map<String, String> ma = after.present() ? CompletionReportBuilder.members(after.value()) : Map.of();
        List<CompletionReport.EngineRow> rows = new ArrayList<>();
        rows.add(new CompletionReport.EngineRow("group engine (version)",
                join(engineBefore, b.factOf(ReportKind.GROUP, "engine-version")), engineWithVersion(engineAfter, ma)));
        LinkedHashSet<String> members = new LinkedHashSet<>(mb.keySet());
        members.addAll(ma.keySet());
        for (String m : members) {
            rows.add(new CompletionReport.EngineRow(m, version(mb, m, before), version(ma, m, after)));
        }
        if (members.isEmpty()) {
            rows.add(new CompletionReport.EngineRow("every member", before, after));
        }
        return rows;
    }

    /** "valkey 8.0.1" when every member reported the same version; the version is never left out silently. */
    private static Measured engineWithVersion(Measured engine, Map<String, String> members) {
        if (!engine.present()) {
            return engine;
        }
        var versions = new TreeSet<>(members.values());
        return Measured.of(engine.value() + " " + (versions.size() == 1 ? versions.first()
                : versions.isEmpty() ? "(version unknown: no member version was recorded)"
                : "(members differ: " + String.join(", ", versions) + ")"));
    }

    private static Measured join(Measured a, Measured b) {
        return a.present() ? Measured.of(a.value() + (b.present() ? " " + b.value() : "")) : a;
    }

    private static Measured version(Map<String, String> versions, String member, Measured whole) {
        if (!whole.present()) {
            return whole;
        }
        return versions.containsKey(member) ? Measured.of(versions.get(member))
                : Measured.missing("the step did not list " + member);
    }

    /**
     * Every step of the runbook once, in runbook order, with its last outcome and how often it ran; steps the
     * journal never mentions read "not run" or "not applicable". Without the runbook: the journal's steps.
     */
    static List<CompletionReport.StepLine> steps(JournalReplay r, Optional<List<PlannedStep>> plan) {
        if (plan.isEmpty()) {
            return r.steps().stream().map(RunSections::line).toList();
        }
        List<CompletionReport.StepLine> out = new ArrayList<>();
        for (PlannedStep p : plan.get()) {
            Optional<JournalReplay.StepRecord> s = r.step(p.key());
            if (s.isPresent()) {
                out.add(line(s.get()));
            } else {
                String outcome = p.notApplicable() != null ? "not applicable"
                        : p.rollback() ? "not run (rollback, on demand)" : "not run";
                out.add(new CompletionReport.StepLine(p.key(), outcome, "-", "-", "-", p.mutates(), 0,
                        p.notApplicable() != null ? p.notApplicable() : ""));
            }
        }
        return out;
    }

    private static CompletionReport.StepLine line(JournalReplay.StepRecord s) {
        String outcome = s.status() == StepStatus.RUNNING ? "interrupted"
                : "reconciled".equals(s.endEvent()) ? "done (reconciled on resume)" : s.status().word();
        return new CompletionReport.StepLine(s.key(), outcome,
                s.took().map(CompletionReportBuilder::duration).orElse("-"),
                s.confirmation() == null ? (s.mutates() ? "none recorded" : "not needed") : s.confirmation(),
                s.confirmedBy() == null ? "-" : s.confirmedBy(), s.mutates(), s.attempts(),
                s.summary() == null ? "" : s.summary());
    }

    static CompletionReport.Rollback rollback(CompletionReportBuilder b) {
        Measured name = b.anyFact("snapshot-name", ReportKind.MANUAL_SNAPSHOT);
        String group = b.group();
        String snapshot = name.present() ? name.value() : "<the pre-migration manual snapshot>";
        String engine = b.env().map(e -> e.source().engine()).orElse("redis");
        String version = b.env().map(e -> e.source().version()).orElse("7.0");
        String nodeType = b.env().map(Environment::nodeType).orElse("<node type>");
        int nodes = b.env().map(Environment::currentNumCacheClusters).orElse(1);
        List<String> steps = new ArrayList<>();
        if (!name.present()) {
            steps.add("No manual snapshot was recorded in this run (" + name.notMeasured()
                    + "): without one there is no way back from Valkey 8.0.");
        }
        steps.add("Restore the snapshot into a NEW group " + group + "-rollback (the runbook's rollback section, "
                + "step restore-snapshot, does exactly this): aws elasticache create-replication-group "
                + "--replication-group-id " + group + "-rollback --replication-group-description \"rollback of "
                + group + "\" --snapshot-name " + snapshot + " --engine " + engine + " --engine-version " + version
                + " --cache-node-type " + nodeType + " --num-cache-clusters " + nodes);
        steps.add("Wait until " + group + "-rollback is available, then point the clients at its primary endpoint; "
                + "writes made after the snapshot are not in it.");
        steps.add("Do NOT use the guide's rollback `terraform apply -var=\"elasticache_engine_version=" + version
                + "\"`: an engine or version downgrade is ForceNew in the Terraform AWS provider, so Terraform "
                + "deletes and re-creates " + group + " and the data is lost. Valkey 8.0 has no in-place way back "
                + "(AWS supports only Valkey 7.2 → Redis OSS 7.1).");
        return new CompletionReport.Rollback(name, steps);
    }

    static CompletionReport.Downtime downtime(CompletionReportBuilder b) {
        Measured ms = b.factOf(ReportKind.DOWNTIME, "downtime-ms");
        Measured longest = b.factOf(ReportKind.DOWNTIME, "longest-outage-ms");
        Measured total = ms.present() ? Measured.of(seconds(ms.value())) : ms;
        String verdict = "not measured";
        if (ms.present()) {
            double min = Double.parseDouble(ms.value()) / 60000.0;
            verdict = min < 5 ? "shorter than the guide's 5-10 minutes"
                    : min <= 10 ? "within the guide's 5-10 minutes" : "LONGER than the guide's 5-10 minutes";
        }
        Measured gap = b.factOf(ReportKind.DOWNTIME, "unmeasured-ms");
        String unmeasured = "";
        if (gap.present()) {
            Measured events = b.factOf(ReportKind.DOWNTIME, "unmeasured-events");
            unmeasured = seconds(gap.value()) + " not measured: no runbook process was probing (killed or quit, then "
                    + "resumed); " + (!events.present() ? "AWS's events for that stretch could not be read"
                    : events.value().equals("0") ? "AWS recorded no event of the group then"
                    : events.value() + " AWS event(s) of the group then, listed in the probe's stop step's warnings (a node restart "
                    + "or failover among them means an outage may be hidden there)");
            verdict = "at least the measured downtime (" + verdict + "), plus up to " + seconds(gap.value())
                    + " not measured";
        }
        return new CompletionReport.Downtime(total, longest.present() ? Measured.of(seconds(longest.value())) : longest,
                b.factOf(ReportKind.DOWNTIME, "outages"), seconds(b.factOf(ReportKind.UPGRADE_WAIT, "upgrade-seconds")),
                "dev: 5-10 minutes of downtime (다운타임 5-10분)", verdict, unmeasured);
    }

    private static Measured seconds(Measured s) {
        return s.present() ? Measured.of(s.value() + " s") : s;
    }

    private static String seconds(String millis) {
        try {
            return String.format(Locale.ROOT, "%.1f s", Double.parseDouble(millis) / 1000.0);
        } catch (NumberFormatException e) {
            return millis + " ms";
        }
    }

    static List<CompletionReport.MetricRow> cloudwatch(CompletionReportBuilder b) {
        var metrics = b.suffixes(ReportKind.CLOUDWATCH, "avg-before.");
        metrics.addAll(b.suffixes(ReportKind.CLOUDWATCH, "avg-after."));
        if (metrics.isEmpty()) {
            Measured none = b.factOf(ReportKind.CLOUDWATCH, "avg-before.CPUUtilization");
            return List.of(new CompletionReport.MetricRow("CPUUtilization", none, none));
        }
        return metrics.stream().map(m -> new CompletionReport.MetricRow(m, b.factOf(ReportKind.CLOUDWATCH, "avg-before." + m),
                b.factOf(ReportKind.CLOUDWATCH, "avg-after." + m))).toList();
    }

    /** The breaches the monitor step found after the upgrade, and the probe's latency before and after it. */
    static CompletionReport.Health health(CompletionReportBuilder b) {
        List<String> breaches = new ArrayList<>();
        b.suffixes(ReportKind.CLOUDWATCH, "breach.").forEach(m -> breaches.add(b.factOf(ReportKind.CLOUDWATCH,
                "breach." + m).text()));
        Measured minutes = b.factOf(ReportKind.CLOUDWATCH, "breach-minutes");
        Measured on = b.factOf(ReportKind.CLOUDWATCH, "on-breach");
        String rule = minutes.present() && on.present() ? "over its threshold for " + minutes.value()
                + " min in a row after the upgrade; on-breach = " + on.value() : "";
        List<String> latency = new ArrayList<>();
        for (String phase : List.of("before", "after")) {
            Measured p50 = b.anyFact("latency-p50-ms." + phase, ReportKind.DOWNTIME);
            Measured p99 = b.anyFact("latency-p99-ms." + phase, ReportKind.DOWNTIME);
            if (p50.present() && p99.present()) {
                latency.add(phase + " the change: p50 " + p50.value() + " ms, p99 " + p99.value() + " ms, "
                        + b.anyFact("latency-errors." + phase, ReportKind.DOWNTIME).text() + " failed of "
                        + b.anyFact("latency-probes." + phase, ReportKind.DOWNTIME).text() + " probes");
            }
        }
        Measured probeBreach = b.anyFact("latency-breach", ReportKind.DOWNTIME);
        if (probeBreach.present()) {
            breaches.add(probeBreach.value());
        }
        return new CompletionReport.Health(List.copyOf(breaches), rule, List.copyOf(latency));
    }

    static List<CompletionReport.BenchmarkRow> benchmark(CompletionReportBuilder b) {
        var tests = b.suffixes(ReportKind.BENCHMARK_BEFORE, "rps-");
        tests.addAll(b.suffixes(ReportKind.BENCHMARK_AFTER, "rps-"));
        if (tests.isEmpty()) {
            tests.add("GET");
            tests.add("SET");
        }
        return tests.stream().map(t -> {
            Measured ratio = b.factOf(ReportKind.BENCHMARK_AFTER, "ratio-" + t);
            String verdict = "not measured";
            if (ratio.present()) {
                double x = Double.parseDouble(ratio.value());
                verdict = x >= 1.95 ? "meets the guide's \"up to 2x\"" : x > 1.0
                        ? String.format(Locale.ROOT, "%.2fx: faster, short of the guide's \"up to 2x\"", x)
                        : String.format(Locale.ROOT, "%.2fx: not faster (guide: \"up to 2x\")", x);
            }
            return new CompletionReport.BenchmarkRow(t, b.factOf(ReportKind.BENCHMARK_BEFORE, "rps-" + t),
                    b.factOf(ReportKind.BENCHMARK_AFTER, "rps-" + t), ratio, verdict);
        }).toList();
    }

    /** The Terraform code's verdict after the change: agrees, differs (what to set), replaces (data loss), not checked. */
    static CompletionReport.Leftovers leftovers(CompletionReportBuilder b) {
        String k = ReportKind.LEFTOVERS;
        String a = ReportKind.LEFTOVERS_AFTER;
        return new CompletionReport.Leftovers(b.factOf(k, "leftover-group"), b.factOf(k, "leftover-snapshots"),
                b.factOf(k, "rollback-group-monthly-cost"), b.factOf(k, "snapshots-monthly-cost"),
                b.factOf(k, "leftover-monthly-cost"), b.factOf(a, "deleted"), b.factOf(a, "gone-otherwise"),
                b.factOf(k, "exists-before"), b.factOf(a, "exists-after"));
    }

    static CompletionReport.Measured terraformCode(CompletionReportBuilder b) {
        return b.factOf(ReportKind.TERRAFORM_CODE, "terraform-verdict-line");
    }

    static CompletionReport.Integrity integrity(CompletionReportBuilder b) {
        return new CompletionReport.Integrity(b.factOf(ReportKind.DATA_COMPARISON, "result"), b.factOf(ReportKind.DATA_COMPARISON, "missing"),
                b.factOf(ReportKind.DATA_COMPARISON, "changed"));
    }

    static CompletionReport.Cost cost(CompletionReportBuilder b) {
        String envName = b.replay().startFact("environment").orElse("?");
        String guide = GUIDE_COST.getOrDefault(envName, "the guide gives no figure for " + envName);
        if (b.env().isEmpty() || b.settings().isEmpty()) {
            Measured none = Measured.missing("the settings have no environment " + envName);
            return new CompletionReport.Cost("", "", none, none, guide, "not measured");
        }
        Environment e = b.env().get();
        Prices p = b.settings().get().prices();
        Measured before = money(p.monthly(e.nodeType(), e.source().engine(), e.currentNumCacheClusters()), p,
                e.nodeType(), e.source().engine(), e.currentNumCacheClusters());
        // the "after" is what the group runs at the end: the target only when the run ended on it
        boolean onTarget = b.replay().fact("engine-after").filter(e.target().engine()::equals).isPresent()
                && b.replay().fact(CompletionReportBuilder.RESTORED_GROUP).isEmpty();
        String afterEngine = onTarget ? e.target().engine() : e.source().engine();
        int afterNodes = onTarget ? e.numCacheClusters() : b.replay().fact("num-cache-clusters")
                .flatMap(RunSections::integer).orElse(e.currentNumCacheClusters());
        Measured after = money(p.monthly(e.nodeType(), afterEngine, afterNodes), p, e.nodeType(), afterEngine,
                afterNodes);
        if (!onTarget && after.present()) {
            after = Measured.of(after.value() + "; the group did not end on " + e.target().engine());
        }
        String verdict = "not measured";
        if (before.present() && after.present()) {
            double bv = p.monthly(e.nodeType(), e.source().engine(), e.currentNumCacheClusters()).orElseThrow();
            double av = p.monthly(e.nodeType(), afterEngine, afterNodes).orElseThrow();
            verdict = String.format(Locale.ROOT, "%+.2f %s/month (%+.0f%%)", av - bv, p.currency(),
                    (av - bv) / bv * 100);
        }
        return new CompletionReport.Cost(p.currency(), p.source(), before, after, guide, verdict);
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Measured money(Optional<Double> v, Prices p, String nodeType, String engine, int nodes) {
        return v.map(x -> Measured.of(String.format(Locale.ROOT, "%.2f %s (%d × %s %s)", x, p.currency(), nodes,
                        nodeType, engine)))
                .orElseGet(() -> Measured.missing("the price table has no " + engine + " price for " + nodeType));
    }

    static List<String> warnings(JournalReplay r, Optional<List<PlannedStep>> plan) {
        List<String> w = new ArrayList<>();
        plan.ifPresent(p -> r.steps().stream().filter(s -> p.stream().noneMatch(x -> x.key().equals(s.key())))
                .forEach(s -> w.add("journal: step " + s.key() + " is not in the run's runbook; its "
                        + s.status().word() + " line is not counted")));
        if ("REHEARSAL".equals(r.startFact("mode").orElse("")) && r.startFact("engines").isEmpty()) {
            w.add("This was a REHEARSAL against a built-in simulation: nothing in AWS was read or changed, "
                    + "and every number below is simulated.");
        }
        if ("REHEARSAL".equals(r.startFact("mode").orElse("")) && r.startFact("engines").isPresent()) {
            w.add("This was a REHEARSAL on real engines (" + r.startFact("engine-binaries").orElse("?") + ", data: "
                    + r.startFact("engine-data").orElse("?") + "): AWS is simulated, but the data plane (PING, "
                    + "fingerprint, downtime, benchmark, snapshot, restore) ran on real processes on this machine, "
                    + "which is not a cache node.");
            r.startFact("engine-warning").ifPresent(x -> w.add("real engines: " + x));
        }
        r.startFact("drills").filter(d -> !d.isBlank() && !"none".equals(d)).ifPresent(d -> w.add("Drills injected: "
                + d + " — the failures this rehearsal met were made on purpose (rehearse --inject)."));
        if ("DRY-RUN".equals(r.startFact("mode").orElse(""))) {
            w.add("This was a DRY RUN: AWS was only read; no change was sent.");
        }
        r.problems().forEach(p -> w.add("journal: " + p));
        r.resumes().forEach(s -> w.add("resumed " + s));
        for (JournalReplay.StepRecord s : r.steps()) {
            s.reconciliations().forEach(x -> w.add(s.key() + " reconciled after a crash: " + x));
            switch (s.status()) {
                case SKIPPED -> w.add(s.key() + " skipped: " + s.summary());
                case WOULD_RUN -> w.add(s.key() + " not sent (dry run): " + s.summary());
                case CANNOT_CHECK -> w.add(s.key() + " cannot check (dry run): " + s.summary());
                case FAILED -> w.add(s.key() + " FAILED: " + s.summary());
                case RUNNING -> w.add(s.key() + " was interrupted and never ended");
                default -> {
                }
            }
            s.warnings().forEach(x -> w.add(s.key() + ": " + x));
        }
        if (r.rolledBack()) {
            w.add("the rollback section was started after a failure");
        }
        r.leaseProblems().stream().filter(p -> !r.aborts().contains(p)).forEach(p -> w.add("lease: " + p));
        r.aborts().forEach(a -> w.add("aborted: " + a));
        return w;
    }
}
