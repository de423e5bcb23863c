package dev.runbook.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.runbook.run.PreflightSummary;
import java.util.List;
import java.util.Set;

/**
 * The completion report of one run, built from its journal alone (plus the settings for prices): who ran
 * what, where, how long; engine and version before and after; every step; the snapshot and the way back;
 * the guide's results tables (downtime, CloudWatch, benchmark, data integrity, cost) filled with measured
 * values; and every warning and deviation. {@link MarkdownReport} and {@link JsonReport} render it.
 */
public record CompletionReport(Header header, List<EngineRow> engine, List<StepLine> steps, Rollback rollback,
                               Downtime downtime, List<MetricRow> cloudwatch, List<BenchmarkRow> benchmark,
                               Integrity integrity, Cost cost, List<String> warnings, List<String> journalProblems,
                               Preflight preflight, SinceDryRun sinceDryRun, Health health,
                               Measured terraformCode, List<String> budget, Set<String> sections,
                               Leftovers leftovers) {

    /** The measured sections a runbook may have, each shown when the runbook has a step of its kind. */
    public static final String ENGINE_CHANGE = "engine-change";
    public static final String CLOUDWATCH = "cloudwatch";
    public static final String BENCHMARK = "benchmark";
    public static final String INTEGRITY = "integrity";
    public static final String TERRAFORM = "terraform";
    public static final String LEFTOVERS = "leftovers";

    /** Whether the report shows {@code section} (one of the names above). */
    public boolean shows(String section) {
        return sections.contains(section);
    }

    /**
     * What the clean-up left and removed: the leftovers with their monthly cost (from {@code prices}), what was
     * deleted, and what exists before and after, so the report shows that nothing else went.
     */
    public record Leftovers(Measured group, Measured snapshots, Measured groupCost, Measured snapshotsCost,
                            Measured totalCost, Measured deleted, Measured goneOtherwise, Measured before,
                            Measured after) {
    }

    /**
     * The change judged by the thresholds after the upgrade: each breach in the operator's words (node, metric, how
     * long, peak against the threshold), the rule that judged them, and the probe's latency before and after.
     */
    public record Health(List<String> breaches, String rule, List<String> latency) {
    }

    /** A measured value, or why there is none ("not measured: step migrate/probe-stop was skipped: ..."). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measured(String value, String notMeasured) {
        public static Measured of(String value) {
            return new Measured(value, null);
        }

        public static Measured missing(String why) {
            return new Measured(null, why);
        }

        public boolean present() {
            return value != null;
        }

        /** The value, or "not measured (why)": never blank. */
        public String text() {
            return value != null ? value : "not measured (" + notMeasured + ")";
        }
    }

    public record Header(String runId, String title, String environment, String replicationGroup, String mode,
                         boolean rehearsal, String osUser, String awsIdentity, String awsRegion, String operator, String started,
                         String ended, String total, String result) {
    }

    public record EngineRow(String member, Measured before, Measured after) {
    }

    public record StepLine(String step, String outcome, String took, String confirmation, String confirmedBy,
                           boolean mutates, int attempts, String summary) {
    }

    public record Rollback(Measured snapshotName, List<String> instructions) {
    }

    /**
     * {@code unmeasured}: how long no runbook process was probing (a crash or quit, then resume), with what AWS
     * recorded then; empty when the probe measured the whole time.
     */
    public record Downtime(Measured total, Measured longestOutage, Measured outages, Measured upgradeTime,
                           String guide, String verdict, String unmeasured) {
    }

    public record MetricRow(String metric, Measured before, Measured after) {
    }

    public record BenchmarkRow(String test, Measured before, Measured after, Measured ratio, String verdict) {
    }

    public record Integrity(Measured result, Measured missing, Measured changed) {
    }

    /** A dry run's summary: every problem, every step it could not check, every change it would send (null otherwise). */
    public record Preflight(String headline, List<PreflightSummary.Item> problems,
                            List<PreflightSummary.Item> cannotCheck,
                            List<PreflightSummary.Item> changes) {
    }

    /**
     * Which dry run the run was held to ({@code dryRun} null: none, {@code summary} says why), its age when the
     * run started, and every difference found since it, or none (null for a run that did not look: a rehearsal).
     */
    public record SinceDryRun(String dryRun, String age, String summary, List<String> drifts) {
    }

    public record Cost(String currency, String priceSource, Measured before, Measured after, String guide,
                       String verdict) {
    }
}
