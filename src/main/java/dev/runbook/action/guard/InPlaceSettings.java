package dev.runbook.action.guard;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.elasticache.GroupState;
import dev.runbook.config.Environment;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;

/**
 * Compares the group as it runs with the environment's target: at-rest encryption cannot change in place
 * (Terraform would replace the group: data loss), TLS must be turned on in two steps, and a topology change made
 * together with the engine change should go first (replica + failover, then engine, then TLS).
 */
public record InPlaceSettings(String group) implements Action {
    static final String SAFE_ORDER = "add the replica and turn on failover/Multi-AZ first, change the engine next,"
            + " turn TLS on (preferred → required) last";


    public static Action create(Params p) {
        return new InPlaceSettings(p.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Compare " + group + " with the " + ctx.environment().name() + " target settings",
                DescribeReplicationGroupsRequest.builder().replicationGroupId(group).build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    /** What the group runs today, as the decision needs it. */
    record Current(boolean atRest, boolean transit, int nodes, boolean failover, boolean multiAz) {
    }

    /** The verdict: a blocking problem (or null) and warnings. */
    record Verdict(String blocker, List<String> warnings) {
    }

    static Verdict assess(Current now, Environment target) {
        List<String> warnings = new ArrayList<>();
        String blocker = null;
        if (now.atRest() != target.atRestEncryption()) {
            blocker = "At-rest encryption is " + onOff(now.atRest()) + " but the target wants it "
                    + onOff(target.atRestEncryption()) + ": it cannot change in place (Terraform would replace the"
                    + " group and lose its data). Set at-rest-encryption = " + now.atRest()
                    + " in application.conf, or migrate to a new group.";
        }
        if (target.transitEncryption() && !now.transit()) {
            warnings.add("In-transit encryption goes from off to on: do it in two steps, preferred first, then required"
                    + " once every client uses TLS; turning it on as required at once breaks clients without TLS.");
        }
        boolean topology = target.numCacheClusters() != now.nodes() || target.automaticFailover() != now.failover()
                || target.multiAz() != now.multiAz();
        if (topology) {
            warnings.add("The target also changes the topology (" + now.nodes() + " → " + target.numCacheClusters()
                    + " node(s), failover " + onOff(now.failover()) + " → " + onOff(target.automaticFailover())
                    + ", Multi-AZ " + onOff(now.multiAz()) + " → " + onOff(target.multiAz()) + "): " + SAFE_ORDER
                    + ", so the engine change runs with a replica to fail over to.");
        }
        return new Verdict(blocker, warnings);
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
        Verdict v = assess(new Current(s.atRestEncryption(), s.transitEncryption(), s.numCacheClusters(),
                s.automaticFailover(), s.multiAz()), ctx.environment());
        Outcome.Builder b = v.blocker() != null ? Outcome.failed(v.blocker())
                : Outcome.succeeded(v.warnings().isEmpty() ? "Every target setting of " + group + " can change in place"
                        : "The target settings can change in place, in this order: " + SAFE_ORDER + ".");
        v.warnings().forEach(b::warning);
        return b.build();
    }

    /** SSM: at-rest encryption (the blocker) asserted; the TLS and topology advice stays in the descriptions. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        boolean atRest = ctx.environment().atRestEncryption();
        return SsmForm.of(ctx.assertProperty("AtRest", "at-rest encryption is " + onOff(atRest)
                        + " as the target wants (it cannot change in place)", "elasticache", "DescribeReplicationGroups",
                SsmStep.inputs("ReplicationGroupId", ctx.group()), "$.ReplicationGroups[0].AtRestEncryptionEnabled",
                SsmContext.bool(atRest)));
    }
}
