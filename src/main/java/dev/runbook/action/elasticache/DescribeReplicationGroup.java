package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ReportKind;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;

/**
 * Describes the replication group and every member cluster, records what the report needs, and fails when the
 * group is not available or does not run the engine and version the runbook expects.
 */
public record DescribeReplicationGroup(String group, String expectEngine, String expectVersion) implements Action {
    public static Action create(Params p) {
        return new DescribeReplicationGroup(p.string("replication-group"), p.string("expect-engine", ""),
                p.string("expect-version", ""));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Describe " + group + " and its member clusters; expect " + expectEngine + " " + expectVersion,
                DescribeReplicationGroupsRequest.builder().replicationGroupId(group).build().toString(),
                DescribeCacheClustersRequest.builder().cacheClusterId("<each member>").showCacheNodeInfo(true).build()
                        .toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
        String problem = problem(s.status(), s.engine(), s.members().stream().map(m -> m.engineVersion()).toList(),
                expectEngine, expectVersion);
        String line = group + ": " + s.status() + ", " + s.engine() + " " + s.commonVersion() + ", "
                + s.numCacheClusters() + " node(s) " + s.group().cacheNodeType();
        Outcome.Builder b = problem == null ? Outcome.succeeded(line) : Outcome.failed(line + " — " + problem);
        facts(b, s);
        s.pending().forEach(p -> b.warning("Pending change: " + p));
        return b.build();
    }

    /** Records the group's facts under the names the report and later steps read. */
    static void facts(Outcome.Builder b, GroupState s) {
        b.fact("status", s.status())
                .fact("engine", s.engine())
                .fact("engine-version", s.commonVersion())
                .fact("member-versions", s.memberVersions())
                .fact("members", String.join(",", s.group().memberClusters()))
                .fact("node-type", s.group().cacheNodeType())
                .fact("primary-endpoint", s.primaryEndpoint())
                .fact("reader-endpoint", s.readerEndpoint())
                .fact("automatic-failover", s.group().automaticFailoverAsString())
                .fact("multi-az", s.group().multiAZAsString())
                .fact("at-rest-encryption", s.atRestEncryption())
                .fact("transit-encryption", s.transitEncryption())
                .fact("parameter-group", s.parameterGroup())
                .fact("num-cache-clusters", s.numCacheClusters());
    }

    /** Why the group is not what the runbook expects, or null when it is. */
    static String problem(String status, String engine, List<String> memberVersions, String expectEngine,
                          String expectVersion) {
        if (!"available".equals(status)) {
            return "the group is " + status + ", not available: wait until it is available, then retry";
        }
        if (!expectEngine.isBlank() && !expectEngine.equalsIgnoreCase(engine)) {
            return "the engine is " + engine + ", expected " + expectEngine;
        }
        if (memberVersions.isEmpty()) {
            return "the group has no member clusters";
        }
        if (!expectVersion.isBlank()) {
            for (String v : memberVersions) {
                if (!Versions.matches(v, expectVersion)) {
                    return "a member runs " + v + ", expected " + expectVersion + ".x";
                }
            }
        }
        return null;
    }

    /** SSM: the group is available and runs the expected engine (asserted), every member the version (a script). */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        var steps = new ArrayList<SsmStep>();
        steps.add(ctx.assertProperty("Available", "the group is available", "elasticache", "DescribeReplicationGroups",
                id, "$.ReplicationGroups[0].Status", "available"));
        if (!expectEngine.isBlank()) {
            steps.add(ctx.assertProperty("Engine", "the group runs " + expectEngine, "elasticache",
                    "DescribeReplicationGroups", id, "$.ReplicationGroups[0].Engine", expectEngine));
        }
        steps.add(ctx.script("Members", "every member runs " + expectEngine + " " + expectVersion + ".x", "group.py",
                "members_run", SsmStep.inputs("ReplicationGroupId", ctx.group(), "Engine", expectEngine,
                        "Version", expectVersion), SsmOutput.string("MemberVersions", "$.Payload.MemberVersions")));
        return SsmForm.of(steps);
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(ReportKind.GROUP);
    }
}
