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
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.TransitEncryptionMode;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;

/**
 * Turns in-transit encryption on in {@code preferred} mode (clients with and without TLS both work) and waits;
 * switching to {@code required} is left to the operator once every client speaks TLS, because doing it in one
 * step breaks the clients that do not.
 */
public record SetTransitEncryption(String group, boolean enabled) implements Action {
    public static Action create(Params p) {
        return new SetTransitEncryption(p.string("replication-group"), p.bool("enabled", false));
    }

    private ModifyReplicationGroupRequest request() {
        return ModifyReplicationGroupRequest.builder().replicationGroupId(group).transitEncryptionEnabled(true)
                .transitEncryptionMode(TransitEncryptionMode.PREFERRED.toString()).applyImmediately(true).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        if (!enabled) {
            return Preview.of("Nothing to do: the environment keeps in-transit encryption off on " + group);
        }
        return Preview.of("Turn on in-transit encryption (preferred mode) on " + group + " if it is off, then wait",
                request().toString()).withWarning(REQUIRED_LATER);
    }

    private static final String REQUIRED_LATER = "Switch TransitEncryptionMode to required only once every client"
            + " connects with TLS; required in one step breaks clients without TLS.";

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        if (!enabled) {
            return Outcome.succeeded("Nothing to do: in-transit encryption stays off on " + group).build();
        }
        var g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
        if (Boolean.TRUE.equals(g.transitEncryptionEnabled())) {
            return Outcome.succeeded("Nothing to do: in-transit encryption is already on (" + g.transitEncryptionModeAsString()
                    + ") on " + group).fact("transit-encryption-mode", g.transitEncryptionModeAsString())
                    .build();
        }
        var req = request();
        Modify.send(ctx, "turn on in-transit encryption on " + group, group, req,
                () -> ctx.elastiCache().modifyReplicationGroup(req));
        GroupState after = Waiting.groupAvailable(ctx, group, ctx.settings().waits().upgradeTimeout(),
                GroupState::transitEncryption);
        return Outcome.succeeded("In-transit encryption is on in " + after.group().transitEncryptionModeAsString()
                        + " mode on " + group + ". " + REQUIRED_LATER)
                .fact("transit-encryption-mode", after.group().transitEncryptionModeAsString()).build();
    }

    /** SSM: nothing when the environment keeps TLS off; else skip when on, approval, Modify (preferred), waits. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        if (!enabled) {
            return SsmForm.of();
        }
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        return SsmForm.of(
                ctx.awsApi("Read", "in-transit encryption now", "elasticache", "DescribeReplicationGroups", id,
                        SsmOutput.of("TransitEncryptionEnabled", "$.ReplicationGroups[0].TransitEncryptionEnabled",
                                "Boolean")),
                ctx.skipWhen("AlreadyOn", "nothing to do when it is already on",
                        SsmContext.when(ctx.output("Read", "TransitEncryptionEnabled"), "BooleanEquals", true)),
                ctx.approval("turn on in-transit encryption in preferred mode. " + REQUIRED_LATER),
                ctx.awsApi("Modify", "ModifyReplicationGroup", "elasticache", "ModifyReplicationGroup",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "TransitEncryptionEnabled", true,
                                "TransitEncryptionMode", TransitEncryptionMode.PREFERRED.toString(),
                                "ApplyImmediately", true)).changing(),
                ctx.waitFor("On", "in-transit encryption shows on", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].TransitEncryptionEnabled",
                        SsmContext.bool(true)),
                ctx.waitFor("Available", "available again", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Status", "available"));
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), group,
                g -> Boolean.valueOf(enabled).equals(g.transitEncryptionEnabled()),
                "in-transit encryption is already on", "the TLS change"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.transitEncryption();
    }
}
