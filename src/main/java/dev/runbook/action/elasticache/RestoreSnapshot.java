package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Precondition;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import dev.runbook.action.dataplane.AuthToken;
import dev.runbook.action.dataplane.CacheException;
import dev.runbook.action.dataplane.GroupEndpoints;
import dev.runbook.action.dataplane.RecordedData;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.config.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.SecurityGroupMembership;

/**
 * The only way back from Valkey 8.0: restore the manual pre-migration snapshot into a NEW replication group
 * (CreateReplicationGroup with SnapshotName), wait until it is available, and tell the operator the endpoint
 * clients must be repointed to. Encryption comes from the environment; subnet and security groups from the source.
 */
public record RestoreSnapshot(String group, String newGroup, String engine, String version, String nodeType, int numCacheClusters) implements Action {
    private static final Precondition SNAPSHOT = Precondition.factOfThisRun(Precondition.MANUAL_SNAPSHOT.fact(),
            "a snapshot to restore (this run's verified manual snapshot)");


    public static Action create(Params p) {
        return new RestoreSnapshot(p.string("replication-group"),
                p.matching("new-replication-group", Environment.REPLICATION_GROUP_ID, "a valid replication group id"),
                p.string("engine"), p.string("version"), p.string("node-type"), p.integer("num-cache-clusters", 1, 6, 1));
    }

    /** The request; {@code source} supplies subnet and security groups when it could be described. */
    /**
     * The restore request. With in-transit encryption the group uses AUTH (the token the settings name for the
     * data plane): the restored group gets the same token, or clients that send it would be refused.
     */
    CreateReplicationGroupRequest request(Environment env, String snapshot, CacheCluster source, Optional<String> token) {
        CreateReplicationGroupRequest.Builder b = CreateReplicationGroupRequest.builder().replicationGroupId(newGroup)
                .replicationGroupDescription("Rollback of " + group + " from " + snapshot).snapshotName(snapshot)
                .engine(engine).engineVersion(version).cacheNodeType(nodeType).numCacheClusters(numCacheClusters)
                .automaticFailoverEnabled(numCacheClusters > 1 && env.automaticFailover())
                .multiAZEnabled(numCacheClusters > 1 && env.multiAz())
                .atRestEncryptionEnabled(env.atRestEncryption()).transitEncryptionEnabled(env.transitEncryption());
        if (env.transitEncryption()) {
            token.ifPresent(b::authToken);
        }
        if (source != null) {
            b.cacheSubnetGroupName(source.cacheSubnetGroupName())
                    .securityGroupIds(source.securityGroups().stream().map(SecurityGroupMembership::securityGroupId).toList());
        }
        return b.build();
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        String snapshot = ctx.fact(SNAPSHOT.fact()).orElse(Snapshots.preValkeyPrefix(group) + "<this run's>");
        return Preview.of("Restore " + snapshot + " into the NEW group " + newGroup + " (" + engine + " " + version + ", "
                        + numCacheClusters + " x " + nodeType + "); " + group + " is left as it is",
                request(ctx.environment(), snapshot, null, tokenSource(ctx.environment())).toString())
                .withWarning("Clients must be repointed to " + newGroup + "'s endpoint; writes made to " + group
                        + " after the snapshot are not in it.");
    }

    /** For previews: where the token will come from (masked in any case), never the token. */
    private static Optional<String> tokenSource(Environment env) {
        Environment.DataPlane dp = env.dataPlane();
        String source = AuthToken.source(dp.authTokenEnv(), dp.authTokenFile());
        return "none".equals(source) ? Optional.empty() : Optional.of("<" + source + ">");
    }

    /** The token, or (in a rehearsal, where nothing real is created) none when it is not set on this machine. */
    private static Optional<String> token(ActionContext ctx) throws ActionException {
        Environment env = ctx.environment();
        Environment.DataPlane dp = env.dataPlane();
        try {
            return env.transitEncryption()
                    ? AuthToken.read(dp.authTokenEnv(), dp.authTokenFile(), System.getenv()) : Optional.empty();
        } catch (CacheException e) {
            if (ctx.mode() == Mode.REHEARSAL) {
                ctx.progress().log("rehearsal: restoring with no auth token (" + e.getMessage() + ")");
                return Optional.empty();
            }
            throw new ActionException("The restored group needs the same auth token as the old one: " + e.getMessage());
        }
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** A restore restores this run's verified pre-migration snapshot, nothing older or unchecked. */
    @Override
    public List<Precondition> preconditions() {
        return List.of(SNAPSHOT);
    }

    /**
     * A restore makes a second group and moves the clients: not needed when the change never took (the upgrade
     * failed and AWS kept the group on the source engine, or nothing was sent) and the group still serves. Never
     * while a change is still queued on the group or a member (apply-immediately = false): it would still run
     * in the maintenance window, so the source engine today proves nothing.
     */
    private Outcome unneeded(ActionContext ctx) {
        GroupState current;
        try {
            current = GroupState.load(AwsClients.elastiCache(ctx), group);
        } catch (ActionException e) {
            return null;
        }
        if (!"available".equals(current.status()) || !current.allMembersRun(engine, version)) {
            return null;
        }
        if (!current.pending().isEmpty()) {
            ctx.progress().log(group + " still runs " + engine + " but has changes queued ("
                    + String.join("; ", current.pending()) + "): restoring into " + newGroup
                    + " so the clients can move off it");
            return null;
        }
        return Outcome.skipped("No restore needed: " + group + " is available and still runs " + engine + " "
                + current.memberVersions() + ", so the clients keep using it. Find why the migration failed before"
                + " trying again; the pre-migration snapshot stays as it is.")
                // what the report reads to call the run rolled back without a restore: the source engine is kept
                .fact(SOURCE_KEPT, group).build();
    }

    /** Fact of a rollback that needed no restore: the group still serves the source engine, nothing pending. */
    public static final String SOURCE_KEPT = "source-engine-kept";

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        Outcome unneeded = unneeded(ctx);
        if (unneeded != null) {
            return unneeded;
        }
        String snapshot = ctx.fact(SNAPSHOT.fact()).orElseThrow(() -> new ActionException("This run has no manual"
                + " snapshot to restore (the run refuses this step until it has one): there is no in-place way back"
                + " from Valkey 8.0; contact AWS support before changing anything else."));
        if (exists(ctx)) {
            ctx.progress().log(newGroup + " already exists (an earlier attempt created it): waiting for it instead");
        } else {
            CacheCluster source = sourceMember(ctx);
            var req = request(ctx.environment(), snapshot, source, token(ctx));
            Modify.send(ctx, "restore " + snapshot + " into " + newGroup, newGroup, req,
                    () -> ctx.elastiCache().createReplicationGroup(req));
        }
        GroupState s = Waiting.groupAvailable(ctx, newGroup, ctx.settings().waits().restoreTimeout(), x -> true);
        Outcome.Builder out = Outcome.succeeded("Restored " + snapshot + " into " + newGroup + ", available at "
                        + s.primaryEndpoint() + ": repoint the clients to this endpoint (and update Terraform state"
                        + " before the next apply).")
                .fact("rollback-group", newGroup).fact("rollback-endpoint", s.primaryEndpoint())
                .fact("restored-snapshot", snapshot);
        // where the backend reaches the restored group's data (a rehearsal on real engines), say if it is the old data
        ctx.service(GroupEndpoints.class).flatMap(g -> g.forGroup(newGroup))
                .flatMap(c -> RecordedData.compare(ctx, c, newGroup)).ifPresent(c -> {
                    out.fact("rollback-data", c.intact() ? "intact" : "differs");
                    if (!c.intact()) {
                        out.warning("The restored " + newGroup + " does not hold the data recorded before the migration: "
                                + c.describe());
                    }
                });
        return out.build();
    }

    /** True when the new group already exists: a resumed run waits for it rather than creating it twice. */
    private boolean exists(ActionContext ctx) throws ActionException {
        try {
            GroupState.describeGroup(AwsClients.elastiCache(ctx), newGroup);
            return true;
        } catch (ActionException e) {
            if ("ReplicationGroupNotFoundFault".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /** A member of the source group, for its subnet and security groups; null when it cannot be described. */
    private CacheCluster sourceMember(ActionContext ctx) {
        try {
            GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
            return s.members().isEmpty() ? null : s.members().get(0);
        } catch (ActionException e) {
            ctx.progress().log("Could not describe " + group + " (" + e.getMessage() + "): the new group gets the"
                    + " account's default subnet and security groups.");
            return null;
        }
    }

    /**
     * SSM: skip when the old group is available on the source engine (no restore needed); else approval, read the
     * source member's subnet and security groups, CreateReplicationGroup from the manual snapshot, wait. With TLS the
     * new group needs the old AUTH token, so a script reads it from a SecureString parameter and sends the request.
     */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var snapshot = ctx.fact("snapshot-name");
        if (snapshot.isEmpty()) {
            return SsmForm.notExportable("no earlier step of the document takes the manual snapshot to restore");
        }
        Environment env = ctx.environment();
        // The document's group is a parameter (a fleet runs it per group): derive the new id from it the same way.
        String target = newGroup.startsWith(group) ? ctx.group() + newGroup.substring(group.length()) : newGroup;
        var steps = new ArrayList<SsmStep>();
        steps.add(ctx.awsApi("Current", "the old group's engine and status", "elasticache", "DescribeReplicationGroups",
                SsmStep.inputs("ReplicationGroupId", ctx.group()),
                SsmOutput.string("Engine", "$.ReplicationGroups[0].Engine"),
                SsmOutput.string("Status", "$.ReplicationGroups[0].Status")));
        steps.add(ctx.skipWhen("Needed", "no restore needed while the old group is available on " + engine,
                SsmContext.all(SsmContext.when(ctx.output("Current", "Engine"), "StringEquals", engine),
                        SsmContext.when(ctx.output("Current", "Status"), "StringEquals", "available"))));
        steps.add(ctx.approval("restore " + snapshot.get() + " into the NEW group " + target + " (" + engine + " "
                + version + ", " + numCacheClusters + " x " + nodeType + "); clients must be repointed to it"));
        steps.add(ctx.awsApi("Source", "the old group's subnet group and security groups", "elasticache",
                "DescribeCacheClusters", SsmStep.inputs("CacheClusterId", ctx.group() + "-001"),
                SsmOutput.string("SubnetGroup", "$.CacheClusters[0].CacheSubnetGroupName"),
                SsmOutput.of("SecurityGroupIds", "$.CacheClusters[0].SecurityGroups..SecurityGroupId", "StringList")));
        var request = SsmStep.inputs("ReplicationGroupId", target,
                "ReplicationGroupDescription", "Rollback of " + ctx.group() + " from " + snapshot.get(),
                "SnapshotName", snapshot.get(), "Engine", engine, "EngineVersion", version, "CacheNodeType", nodeType,
                "NumCacheClusters", numCacheClusters,
                "AutomaticFailoverEnabled", numCacheClusters > 1 && env.automaticFailover(),
                "MultiAZEnabled", numCacheClusters > 1 && env.multiAz(),
                "AtRestEncryptionEnabled", env.atRestEncryption(), "TransitEncryptionEnabled", env.transitEncryption(),
                "CacheSubnetGroupName", ctx.output("Source", "SubnetGroup"),
                "SecurityGroupIds", ctx.output("Source", "SecurityGroupIds"));
        if (env.transitEncryption()) {
            steps.add(ctx.script("Create", "CreateReplicationGroup with the old group's AUTH token (read from "
                            + SsmContext.TOKEN_PARAMETER + ")", "restore.py", "create_with_token",
                    SsmStep.inputs("TokenParameter", SsmContext.TOKEN_PARAMETER, "Request", request)).changing());
        } else {
            steps.add(ctx.awsApi("Create", "CreateReplicationGroup", "elasticache", "CreateReplicationGroup", request)
                    .changing());
        }
        steps.add(ctx.waitFor("Available", target + " is available", ctx.waits().restoreTimeout(), "elasticache",
                "DescribeReplicationGroups", SsmStep.inputs("ReplicationGroupId", target),
                "$.ReplicationGroups[0].Status", "available"));
        return SsmForm.of(steps).withTerminalOnly("waiting for a " + target + " left by an earlier attempt instead"
                + " of creating it twice");
    }

    /** Done when the new group exists (whatever its state): the restore was sent. */
    @Override
    public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
        Optional<ReplicationGroup> g = GroupEvidence.describe(ctx.elastiCache(), newGroup);
        if (g.isPresent()) {
            return Optional.of(Reconciliation.done(newGroup + " exists (" + g.get().status()
                    + "): the restore was sent, not sent again", Map.of("restored-group", newGroup)));
        }
        return Optional.of(Reconciliation.pending(newGroup + " does not exist: the restore was not sent, and may run",
                Map.of()));
    }

    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.restored(newGroup);
    }
}
