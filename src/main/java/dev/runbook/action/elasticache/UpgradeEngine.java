package dev.runbook.action.elasticache;

import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.util.Optional;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Precondition;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.config.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * The engine change: ModifyReplicationGroup with Engine=valkey, EngineVersion=8.0 and a valkey8 parameter group.
 * Without apply-immediately AWS only queues it for the maintenance window, which the preview and the outcome say
 * plainly, with the window's next opening. A group that already runs the target is left alone (a resumed run).
 */
public record UpgradeEngine(String group, String engine, String version, String parameterGroup, boolean applyImmediately) implements Action {
    public static Action create(Params p) {
        return new UpgradeEngine(p.string("replication-group"), p.string("engine"), p.string("version"),
                p.string("parameter-group"), p.bool("apply-immediately", true));
    }

    ModifyReplicationGroupRequest request() {
        return ModifyReplicationGroupRequest.builder().replicationGroupId(group).engine(engine).engineVersion(version)
                .cacheParameterGroupName(parameterGroup).applyImmediately(applyImmediately).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        Preview p = Preview.of("Modify " + group + ": engine → " + engine + " " + version + ", parameter group "
                + parameterGroup + (applyImmediately ? ", apply immediately" : ", in the maintenance window"),
                request().toString());
        return applyImmediately ? p : p.withWarning(deferred(ctx, ctx.now()));
    }

    /** The plain sentence for apply-immediately = false. */
    static String deferred(PreviewContext ctx, Instant now) {
        String window = ctx.environment().maintenanceWindow();
        return "apply-immediately is false: nothing happens until the maintenance window; "
                + MaintenanceWindow.parse(window).describe(now) + ".";
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** There is no way back from Valkey 8.0 in place: never change the engine without this run's snapshot. */
    @Override
    public List<Precondition> preconditions() {
        return List.of(Precondition.MANUAL_SNAPSHOT);
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        GroupState before = GroupState.load(AwsClients.elastiCache(ctx), group);
        if (before.allMembersRun(engine, version)) {
            return Outcome.succeeded("Nothing to do: every member of " + group + " already runs " + engine + " "
                    + before.commonVersion()).fact("engine-after", before.engine()).build();
        }
        Instant at = ctx.time().now();
        var req = request();
        Modify.send(ctx, "upgrade " + group + " to " + engine + " " + version, group, req,
                () -> ctx.elastiCache().modifyReplicationGroup(req));
        String summary = applyImmediately
                ? "Upgrade of " + group + " to " + engine + " " + version + " requested at " + at + "; AWS applies it now"
                : "Upgrade of " + group + " queued at " + at + "; " + deferred(ctx, at);
        return Outcome.succeeded(summary).fact("upgrade-requested-at", at.toString())
                .fact("apply-immediately", applyImmediately).build();
    }

    /** SSM: skip a group already on the target engine, else approval and the ModifyReplicationGroup call. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return SsmForm.of(
                ctx.awsApi("Read", "the group's engine now", "elasticache", "DescribeReplicationGroups",
                        SsmStep.inputs("ReplicationGroupId", ctx.group()),
                        SsmOutput.string("Engine", "$.ReplicationGroups[0].Engine")),
                ctx.skipWhen("AlreadyTarget", "nothing to do when the group already runs " + engine,
                        SsmContext.when(ctx.output("Read", "Engine"), "StringEquals", engine)),
                ctx.approval("engine → " + engine + " " + version + ", parameter group " + parameterGroup
                        + (applyImmediately ? ", applied immediately" : ", queued for the maintenance window "
                                + ctx.environment().maintenanceWindow() + " (UTC)")),
                ctx.awsApi("Modify", "ModifyReplicationGroup", "elasticache", "ModifyReplicationGroup",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "Engine", engine, "EngineVersion", version,
                                "CacheParameterGroupName", parameterGroup, "ApplyImmediately", applyImmediately))
                        .changing());
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), group, g -> engine.equals(g.engine()),
                "the engine is already " + engine, "the engine change"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.engineChanged();
    }
}
