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
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.ModifyReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.TransitEncryptionMode;

/**
 * {@code elasticache.require-transit-encryption}: the second half of turning TLS on — ModifyReplicationGroup
 * (TransitEncryptionMode=required, ApplyImmediately=true), then waits until the group is available in required
 * mode. From then on ElastiCache drops every plain-text connection and accepts TLS only (ElastiCache user guide,
 * "Enabling in-transit encryption"). Refused, nothing sent, unless the group is in preferred mode now: AWS
 * documents required only as the step after preferred. Already required is nothing to do.
 */
public record RequireTransitEncryption(String group) implements Action {
    static final String DROPS = "Every client still connecting without TLS is disconnected and refused from then on"
            + " (ElastiCache drops all unencrypted connections in required mode). Go ahead only once the pre-checks'"
            + " evidence and the application owners say every client uses TLS.";

    /**
     * ElastiCache user guide, "Best practices when enabling in-transit encryption", cluster mode disabled: preferred
     * mode adds new TLS primary and reader endpoints (same IPs) and keeps the old ones; required DELETES the old
     * non-TLS primary and reader endpoint names. A client that speaks TLS but uses an old name breaks too.
     */
    static final String OLD_ENDPOINTS = "Required also deletes the old non-TLS primary and reader endpoint DNS names"
            + " (ElastiCache user guide, in-transit encryption best practices): every client must already use the TLS"
            + " endpoints DescribeReplicationGroups shows now";

    public static Action create(Params p) {
        return new RequireTransitEncryption(p.string("replication-group"));
    }

    ModifyReplicationGroupRequest request() {
        return ModifyReplicationGroupRequest.builder().replicationGroupId(group).transitEncryptionEnabled(true)
                .transitEncryptionMode(TransitEncryptionMode.REQUIRED.toString()).applyImmediately(true).build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Switch in-transit encryption of " + group + " from preferred to required, then wait until it"
                + " is available", request().toString()).withWarning(DROPS).withWarning(OLD_ENDPOINTS
                + ctx.fact("primary-endpoint").map(e -> " (primary " + e + ctx.fact("reader-endpoint")
                        .map(r -> ", reader " + r).orElse("") + ")").orElse("") + ".");
    }

    @Override
    public boolean mutates() {
        return true;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        var ec = AwsClients.elastiCache(ctx);
        String mode = TransitMode.of(describe(ctx));
        if ("required".equals(mode)) {
            return Outcome.succeeded("Nothing to do: in-transit encryption of " + group + " is already required")
                    .fact("transit-encryption-mode", mode).build();
        }
        if (!"preferred".equals(mode)) {
            return Outcome.failed("Refused, nothing sent: in-transit encryption of " + group + " is " + mode + ", not"
                    + " preferred. Required comes only after preferred, once every client has moved to TLS: turn it on"
                    + " in preferred mode first (the migration's transit-encryption step)")
                    .fact("transit-encryption-mode", mode).build();
        }
        var req = request();
        Modify.send(ctx, "require in-transit encryption on " + group, group, req,
                () -> ec.modifyReplicationGroup(req));
        String after = Waiting.until(ctx, group + " TLS required", ctx.settings().waits().upgradeTimeout(),
                Duration.ofSeconds(15), () -> {
                    ReplicationGroup g = describe(ctx);
                    String m = TransitMode.of(g);
                    return "available".equals(g.status()) && "required".equals(m)
                            ? Waiting.Look.done(g.status(), m) : Waiting.Look.pending(g.status() + ", TLS " + m);
                });
        return Outcome.succeeded("In-transit encryption of " + group + " is required: plain-text clients are refused"
                + " from now on").fact("transit-encryption-mode", after).build();
    }

    private ReplicationGroup describe(ActionContext ctx) throws ActionException {
        return GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
    }

    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        return Optional.of(GroupEvidence.byGroup(ctx.elastiCache(), group, g -> "required".equals(TransitMode.of(g)),
                "in-transit encryption is already required", "the change to TLS required"));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.transitRequired();
    }

    /**
     * SSM: the mode must read preferred now (the terminal's refusal), an approval that says who is disconnected, the
     * ModifyReplicationGroup, then waits until the group reads required and is available.
     */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        return SsmForm.of(
                ctx.assertProperty("Preferred", "in-transit encryption is in preferred mode now (required only follows"
                        + " preferred)", "elasticache", "DescribeReplicationGroups", id,
                        "$.ReplicationGroups[0].TransitEncryptionMode", "preferred"),
                ctx.approval("switch in-transit encryption to required. " + DROPS + " " + OLD_ENDPOINTS),
                ctx.awsApi("Modify", "ModifyReplicationGroup", "elasticache", "ModifyReplicationGroup",
                        SsmStep.inputs("ReplicationGroupId", ctx.group(), "TransitEncryptionEnabled", true,
                                "TransitEncryptionMode", TransitEncryptionMode.REQUIRED.toString(),
                                "ApplyImmediately", true)).changing(),
                ctx.waitFor("Required", "the group reads required", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].TransitEncryptionMode", "required"),
                ctx.waitFor("Available", "available again", ctx.waits().upgradeTimeout(), "elasticache",
                        "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Status", "available"));
    }
}
