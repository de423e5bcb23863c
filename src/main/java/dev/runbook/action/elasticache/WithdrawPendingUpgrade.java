package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.AwsClients;
import dev.runbook.config.MaintenanceWindow;
import java.time.Instant;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;

/**
 * The rollback's first question: is an engine change still queued on the group? With apply-immediately =
 * false (prod) the upgrade waits in the members' PendingModifiedValues for the maintenance window, so the group
 * still runs Redis and looks rolled back while it is not. A queued change is withdrawn with a Modify back to
 * the running engine, version and parameter group, ApplyImmediately=false (true would start every pending
 * change now). AWS documents overriding a pending change this way for node counts, not for engine versions:
 * the step assumes it may work, says so, re-reads the group, and fails plainly — still queued, for when, what
 * to do — when the change is still there, so the run never ends "rolled back" over it.
 */
public record WithdrawPendingUpgrade(String group, String engine, String version) implements Action {
    static final String ASSUMED = "Assumed: AWS replaces a queued engine change when asked for the running engine and"
            + " version with ApplyImmediately=false (documented for pending node counts only); the step re-reads the"
            + " group and says if it is still queued. ApplyImmediately stays false: true would start the queued"
            + " change now.";


    public static Action create(Params p) {
        return new WithdrawPendingUpgrade(p.string("replication-group"), p.string("engine"), p.string("version"));
    }

    /** Back to what the group runs now: the engine, the members' version, the parameter group; never immediately. */
    static ModifyReplicationGroupRequest request(String group, String engine, String version, String parameterGroup) {
        return ModifyReplicationGroupRequest.builder().replicationGroupId(group).engine(engine).engineVersion(version)
                .cacheParameterGroupName(parameterGroup).applyImmediately(false).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("If an engine change is queued on " + group + " for the maintenance window, withdraw it"
                        + " (back to the running " + engine + " " + version + ".x); nothing is sent when none is queued",
                request(group, engine, "<running " + version + ".x>", "<running parameter group>").toString())
                .withWarning(ASSUMED);
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        GroupState before = GroupState.load(AwsClients.elastiCache(ctx), group);
        if (!before.engineVersionPending()) {
            return Outcome.succeeded("No engine change is queued on " + group + " (it runs " + before.engine() + " "
                    + before.memberVersions() + "): nothing waits for the maintenance window")
                    .fact("pending-engine-change", "none").build();
        }
        String queued = queuedVersion(before);
        if (!"available".equals(before.status())) {
            return Outcome.succeeded("The engine change of " + group + " to " + queued + " is already under way ("
                            + before.status() + "): AWS cannot stop it; the way back is the snapshot restore (next step)")
                    .fact("pending-engine-change", "under way: " + queued)
                    .warning(group + " is changing to " + queued + " now: restore the snapshot into a new group and"
                            + " repoint the clients").build();
        }
        var req = request(group, before.engine(), before.commonVersion(), before.parameterGroup());
        String refused = null;
        try {
            Modify.send(ctx, "withdraw the queued engine change of " + group, group, req,
                    () -> ctx.elastiCache().modifyReplicationGroup(req));
        } catch (ActionException e) {
            refused = "AWS refused to withdraw it: " + e.getMessage();
        }
        GroupState after = GroupState.load(AwsClients.elastiCache(ctx), group);
        if (refused == null && !after.engineVersionPending()) {
            return Outcome.succeeded("Withdrew the engine change to " + queued + " that was queued on " + group + ": it"
                            + " stays on " + after.engine() + " " + after.memberVersions()
                            + " and nothing waits for the maintenance window")
                    .fact("pending-engine-change", "withdrawn: " + queued).build();
        }
        Instant starts = MaintenanceWindow.parse(ctx.environment().maintenanceWindow()).nextApply(ctx.time().now());
        String why = refused != null ? refused : "AWS accepted the request but the members still show it pending";
        return Outcome.failed("STILL QUEUED: the engine change of " + group + " to " + queued + " was not withdrawn ("
                        + why + "). It starts when the maintenance window " + ctx.environment().maintenanceWindow()
                        + " UTC opens, at " + starts + ". Before then: ask AWS Support to cancel it, or skip this step"
                        + " with a reason and restore the snapshot into a new group (next step) so the clients move off "
                        + group + " before it changes. The run is not rolled back while it is queued.")
                .fact("pending-engine-change", "queued: " + queued + ", starts " + starts)
                .warning(ASSUMED).build();
    }

    private static String queuedVersion(GroupState s) {
        return s.members().stream().map(CacheCluster::pendingModifiedValues)
                .filter(p -> p != null && p.engineVersion() != null).map(p -> p.engineVersion()).findFirst()
                .orElse("?");
    }
}
