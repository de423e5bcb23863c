package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * {@code elasticache.check-transit-encryption}: the group's in-transit encryption is in the mode the runbook
 * expects ({@code expect-mode}: off, preferred or required). Read-only; fails naming what it found.
 */
public record CheckTransitEncryption(String group, String expectMode) implements Action {
    public static Action create(Params p) {
        return new CheckTransitEncryption(p.string("replication-group"),
                p.oneOf("expect-mode", List.of("off", "preferred", "required")));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Read " + group + "'s in-transit encryption; expect " + expectMode,
                DescribeReplicationGroupsRequest.builder().replicationGroupId(group).build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        ReplicationGroup g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
        String mode = TransitMode.of(g);
        String line = group + ": in-transit encryption " + mode;
        Outcome.Builder b = mode.equals(expectMode) ? Outcome.succeeded(line)
                : Outcome.failed(line + ", expected " + expectMode + ("off".equals(mode)
                        ? ": turn it on in preferred mode first (the migration's transit-encryption step), and move"
                        + " every client to TLS before required" : ""));
        return b.fact("transit-encryption-mode", mode).build();
    }

    /** SSM: the group's TransitEncryptionEnabled and, unless off is expected, its TransitEncryptionMode asserted. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        if ("off".equals(expectMode)) {
            return SsmForm.of(ctx.assertProperty("Off", "in-transit encryption is off", "elasticache",
                    "DescribeReplicationGroups", id, "$.ReplicationGroups[0].TransitEncryptionEnabled",
                    SsmContext.bool(false)));
        }
        return SsmForm.of(
                ctx.assertProperty("On", "in-transit encryption is on", "elasticache", "DescribeReplicationGroups", id,
                        "$.ReplicationGroups[0].TransitEncryptionEnabled", SsmContext.bool(true)),
                ctx.assertProperty("Mode", "its mode is " + expectMode, "elasticache", "DescribeReplicationGroups", id,
                        "$.ReplicationGroups[0].TransitEncryptionMode", expectMode));
    }
}
