package dev.runbook.action.guard;

import dev.runbook.action.AwsClients;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.elasticache.Snapshots;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.elasticache.model.Snapshot;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmStep;

/**
 * There is no in-place way back from Valkey 8.0, so the upgrade may only go ahead when the manual pre-migration
 * snapshot exists and is available. The outcome names the only rollback (restore into a new group) and flags the
 * guide's Terraform rollback, which would replace the group and lose its data.
 */
public record RollbackFeasibility(String group) implements Action {
    static final String TERRAFORM_WARNING = "The guide's rollback `terraform apply -var=elasticache_engine_version=7.0`"
            + " would replace the group (an engine downgrade is ForceNew in the AWS provider): data loss. Do not use it.";


    public static Action create(Params p) {
        return new RollbackFeasibility(p.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Check that an available manual snapshot " + Snapshots.preValkeyPrefix(group)
                + "* exists: the only way back from Valkey 8.0",
                DescribeSnapshotsRequest.builder().snapshotName(ctx.fact("snapshot-name")
                        .orElse(Snapshots.preValkeyPrefix(group) + "...")).build().toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        Optional<String> named = ctx.fact("snapshot-name");
        List<Snapshot> found = Snapshots.list(AwsClients.elastiCache(ctx), group, named.orElse(null));
        Optional<Snapshot> snapshot = named.isPresent()
                ? found.stream().filter(s -> "available".equals(s.snapshotStatus())).findFirst()
                : Snapshots.newestPreValkey(found, group);
        String restore = "the only rollback is restoring it into the new group " + group + "-rollback and repointing"
                + " the clients (the restore-snapshot step)";
        Outcome.Builder b = snapshot.isPresent()
                ? Outcome.succeeded("Snapshot " + snapshot.get().snapshotName() + " is available: " + restore + ".")
                        .fact("rollback-snapshot", snapshot.get().snapshotName())
                : Outcome.failed("No available manual snapshot " + named.orElse(Snapshots.preValkeyPrefix(group) + "*")
                        + ": there would be no way back from Valkey 8.0. Run the manual-snapshot step first.");
        return b.warning(TERRAFORM_WARNING).build();
    }

    /** SSM: the manual snapshot an earlier step took is available (asserted). */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        return ctx.fact("snapshot-name").<SsmForm>map(name -> SsmForm.of(ctx.assertProperty("SnapshotAvailable",
                        "the pre-migration snapshot is available: the only way back", "elasticache", "DescribeSnapshots",
                        SsmStep.inputs("SnapshotName", name), "$.Snapshots[0].SnapshotStatus", "available")))
                .orElse(SsmForm.notExportable("no earlier step of the document takes the manual snapshot"));
    }
}
