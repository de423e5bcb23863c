package dev.runbook.action;

/**
 * The kinds of measurement the completion report reads ({@link Action#reportKind()}): each report section asks
 * for the first step of its kind in the runbook, whatever the runbook calls it.
 */
public final class ReportKind {
    /** The group as described before any change (engine, versions per member). */
    public static final String GROUP = "group-description";
    /** The upgrade's wait: the engine after, how long AWS took. */
    public static final String UPGRADE_WAIT = "upgrade-wait";
    /** The downtime probe's stop: what it measured. */
    public static final String DOWNTIME = "downtime";
    /** CloudWatch averages before and after the change. */
    public static final String CLOUDWATCH = "cloudwatch-window";
    /** The benchmark before / after the change. */
    public static final String BENCHMARK_BEFORE = "benchmark-before";
    public static final String BENCHMARK_AFTER = "benchmark-after";
    /** The data fingerprint's comparison after the change. */
    public static final String DATA_COMPARISON = "data-comparison";
    /** The pre-migration manual snapshot. */
    public static final String MANUAL_SNAPSHOT = "manual-snapshot";

    /** Whether the Terraform code agrees with the group after the change (a plain terraform plan). */
    public static final String TERRAFORM_CODE = "terraform-code";
    /** The clean-up's inventory before it deletes: the leftovers and their monthly cost. */
    public static final String LEFTOVERS = "leftovers";
    /** The clean-up's inventory after it deleted: what went, and that nothing else did. */
    public static final String LEFTOVERS_AFTER = "leftovers-after";

    private ReportKind() {
    }
}
