package dev.runbook.report;

import dev.runbook.action.ReportKind;
import dev.runbook.action.elasticache.RestoreSnapshot;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.report.CompletionReport.Measured;
import dev.runbook.run.JournalReplay;
import dev.runbook.run.Run;
import dev.runbook.run.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link CompletionReport} from a replayed journal: each section reads the facts of the step that
 * measures it, and when a fact is missing says why from that step's own record (skipped, failed, only
 * previewed, interrupted, not run) instead of leaving a blank.
 */
public final class CompletionReportBuilder {
    /** The fact a restore records when it made a new group from the snapshot (what "rolled back" means). */
    static final String RESTORED_GROUP = "rollback-group";
    private final JournalReplay replay;
    private final Optional<Environment> env;
    private final Optional<Settings> settings;
    private final Optional<List<PlannedStep>> plan;

    private CompletionReportBuilder(JournalReplay replay, Optional<Settings> settings, Optional<List<PlannedStep>> plan) {
        this.replay = replay;
        this.settings = settings;
        this.plan = plan;
        this.env = settings.flatMap(s -> replay.startFact("environment")
                .filter(s.environments()::containsKey).map(s::environment));
    }

    /** The report of {@code replay}; {@code settings} give the prices and the environment's node counts. */
    public static CompletionReport build(JournalReplay replay, Optional<Settings> settings) {
        return build(replay, settings, Optional.empty());
    }

    /** With the runbook's steps: every one is listed once, in runbook order (else the journal's, in its order). */
    public static CompletionReport build(JournalReplay replay, Optional<Settings> settings,
                                         Optional<List<PlannedStep>> plan) {
        return new CompletionReportBuilder(replay, settings, plan).build();
    }

    private CompletionReport build() {
        return new CompletionReport(header(), RunSections.engine(this), RunSections.steps(replay, plan),
                RunSections.rollback(this), RunSections.downtime(this), RunSections.cloudwatch(this),
                RunSections.benchmark(this), RunSections.integrity(this), RunSections.cost(this),
                RunSections.warnings(replay, plan), replay.problems(), PreflightSection.of(replay),
                SinceDryRunSection.of(replay), RunSections.health(this), RunSections.terraformCode(this),
                BudgetSection.of(replay), sections(), RunSections.leftovers(this));
    }

    /**
     * The measured sections this runbook has: each one whose kind a step of the runbook reports (the migration has
     * them all; the TLS runbook only the Terraform code; the clean-up its leftovers). Without the runbook (an old
     * journal), the migration's sections.
     */
    private Set<String> sections() {
        if (plan.isEmpty()) {
            return Set.of(CompletionReport.ENGINE_CHANGE, CompletionReport.CLOUDWATCH, CompletionReport.BENCHMARK,
                    CompletionReport.INTEGRITY, CompletionReport.TERRAFORM);
        }
        Set<String> kinds = new java.util.HashSet<>();
        plan.get().forEach(p -> kinds.add(p.reportKind()));
        Set<String> out = new java.util.LinkedHashSet<>();
        if (kinds.contains(ReportKind.UPGRADE_WAIT)) {
            out.add(CompletionReport.ENGINE_CHANGE);
        }
        if (kinds.contains(ReportKind.CLOUDWATCH)) {
            out.add(CompletionReport.CLOUDWATCH);
        }
        if (kinds.contains(ReportKind.BENCHMARK_BEFORE) || kinds.contains(ReportKind.BENCHMARK_AFTER)) {
            out.add(CompletionReport.BENCHMARK);
        }
        if (kinds.contains(ReportKind.DATA_COMPARISON)) {
            out.add(CompletionReport.INTEGRITY);
        }
        if (kinds.contains(ReportKind.TERRAFORM_CODE)) {
            out.add(CompletionReport.TERRAFORM);
        }
        if (kinds.contains(ReportKind.LEFTOVERS)) {
            out.add(CompletionReport.LEFTOVERS);
        }
        return Set.copyOf(out);
    }

    JournalReplay replay() {
        return replay;
    }

    Optional<Environment> env() {
        return env;
    }

    Optional<Settings> settings() {
        return settings;
    }

    String group() {
        return replay.startFact("replication-group").orElse(env.map(Environment::replicationGroupId)
                .orElse("<group>"));
    }

    private CompletionReport.Header header() {
        String start = replay.startedAt();
        String end = replay.finished() ? replay.endedAt() : replay.lastTs();
        String total = start == null || end == null ? "unknown"
                : duration(Duration.between(Instant.parse(start), Instant.parse(end)));
        String mode = replay.startFact("mode").orElse("unknown");
        String result;
        if (replay.finished() && replay.rolledBack() && replay.fact(RESTORED_GROUP).isEmpty()
                && replay.fact(RestoreSnapshot.SOURCE_KEPT).isEmpty()
                && replay.endSummary().startsWith("rolled")) {
            result = "rollback section finished, but nothing was restored (no step recorded a restored group): "
                    + group() + " is what the clients use";
        } else if (replay.finished()) {
            result = replay.endSummary();
        } else if (replay.quit().isPresent()) {
            result = replay.quit().get() + ": " + Run.resumeHint(replay.runId());
        } else if (!replay.aborts().isEmpty()) {
            result = "aborted: " + replay.aborts().get(replay.aborts().size() - 1);
        } else {
            result = "interrupted after its last event: " + Run.resumeHint(replay.runId());
        }
        return new CompletionReport.Header(replay.runId(), replay.startFact("runbook-title").orElse("runbook"),
                replay.startFact("environment").orElse("unknown"), group(), mode, "REHEARSAL".equals(mode),
                replay.startFact("os-user").orElse("unknown"), replay.startFact("aws-identity").orElse("unknown"),
                where(mode), replay.operator() == null ? "unknown" : replay.operator(), start == null ? "unknown" : start,
                end == null ? "unknown" : replay.finished() ? end : end + " (last event)", total, result);
    }

    /** The region and endpoint override the run-started facts recorded (a rehearsal reaches no AWS). */
    private String where(String mode) {
        if ("REHEARSAL".equals(mode)) {
            return "none (simulated)";
        }
        return replay.startFact("region").filter(r -> !r.isEmpty())
                .map(r -> r + replay.startFact("region-source").map(s -> " (from " + s + ")").orElse("")
                        + " · endpoint override: " + replay.startFact("endpoint-override").orElse("not recorded"))
                .orElse("unknown (the run recorded no resolved region)");
    }

    /**
     * The step ids of the shipped runbook for each report kind: used only for a journal whose runbook is not known
     * (no copy in its run folder: a run older than that copy, a hand-made journal). With the runbook, the report
     * reads each kind from the runbook's own first step of that kind, whatever it is called.
     */
    private static final Map<String, String> SHIPPED_IDS = Map.of(ReportKind.GROUP, "describe-group",
            ReportKind.UPGRADE_WAIT, "await-upgrade", ReportKind.DOWNTIME, "probe-stop", ReportKind.CLOUDWATCH,
            "cloudwatch", ReportKind.BENCHMARK_BEFORE, "benchmark-before", ReportKind.BENCHMARK_AFTER,
            "benchmark-after", ReportKind.DATA_COMPARISON, "data-intact", ReportKind.MANUAL_SNAPSHOT, "manual-snapshot",
            ReportKind.TERRAFORM_CODE, "code-agrees");

    /** The journal's record of the first step of {@code kind}. */
    private Optional<JournalReplay.StepRecord> stepOf(String kind) {
        if (plan.isPresent()) {
            return plan.get().stream().filter(p -> kind.equals(p.reportKind())).findFirst()
                    .flatMap(p -> replay.step(p.key()));
        }
        return replay.stepById(SHIPPED_IDS.get(kind));
    }

    /** How the report names the step of {@code kind} when the journal has no record of it: its id. */
    private String idOf(String kind) {
        return plan.flatMap(steps -> steps.stream().filter(p -> kind.equals(p.reportKind())).findFirst())
                .map(p -> p.key().substring(p.key().lastIndexOf('/') + 1))
                .orElseGet(() -> plan.isPresent() ? "of kind " + kind : SHIPPED_IDS.get(kind));
    }

    /** The fact {@code key} recorded by the step of {@code kind} ({@link ReportKind}), or why it is not there. */
    Measured factOf(String kind, String key) {
        Optional<JournalReplay.StepRecord> step = stepOf(kind);
        if (step.isPresent() && step.get().facts().containsKey(key)) {
            return Measured.of(step.get().facts().get(key));
        }
        return Measured.missing(why(kind, key));
    }

    /** The newest fact {@code key} of any step, or why it is not there (its usual source: the step of {@code kind}). */
    Measured anyFact(String key, String kind) {
        return replay.fact(key).map(Measured::of).orElseGet(() -> Measured.missing(why(kind, key)));
    }

    /** Fact keys starting with {@code prefix} in the step of {@code kind}, without the prefix, sorted. */
    TreeSet<String> suffixes(String kind, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        stepOf(kind).ifPresent(s -> s.facts().keySet().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.add(k.substring(prefix.length()))));
        return out;
    }

    String why(String kind, String key) {
        Optional<JournalReplay.StepRecord> step = stepOf(kind);
        if (step.isEmpty()) {
            return "step " + idOf(kind) + " did not run in this run";
        }
        JournalReplay.StepRecord s = step.get();
        StepStatus status = s.status();
        return switch (status) {
            case SKIPPED -> "step " + s.key() + " was skipped: " + s.summary();
            case FAILED -> "step " + s.key() + " failed: " + s.summary();
            case WOULD_RUN -> "step " + s.key() + " was only previewed (dry run)";
            case CANNOT_CHECK -> "step " + s.key() + " could not be checked in the dry run: " + s.summary();
            case RUNNING -> "step " + s.key() + " was interrupted before it ended";
            case PENDING -> "step " + s.key() + " did not run";
            default -> "step " + s.key() + " recorded no " + key;
        };
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
    }

    /** "a=7.0.7, b=7.0.7" (or ; or space separated) as member → version; empty when it is not that shape. */
    static Map<String, String> members(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split("[,; ]+")) {
            int eq = part.indexOf('=') >= 0 ? part.indexOf('=') : part.indexOf(':');
            if (eq <= 0) {
                return Map.of();
            }
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

}
