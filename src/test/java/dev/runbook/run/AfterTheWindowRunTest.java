package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.Main;
import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.Reseed;
import dev.runbook.action.elasticache.DeleteRollbackGroup;
import dev.runbook.aws.DryRunRefusedException;
import dev.runbook.aws.ReadOnlyGuard;
import dev.runbook.aws.RehearsalBackend;
import dev.runbook.aws.TestBackend;
import dev.runbook.aws.sim.Fault;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Confirm;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/**
 * The clean-up runbook off the happy path, as Runs over the real runbook and actions on the rehearsal's simulation:
 * prod's typed confirmation for each deletion, a dry run that deletes nothing, and a crash right after
 * DeleteReplicationGroup was sent that resume reconciles instead of sending it again.
 */
class AfterTheWindowRunTest {
    static final Path CLEANUP = Path.of("runbooks", "cleanup.conf");
    @TempDir
    Path tmp;
    final Settings settings = TestSettings.load();

    private RehearsalBackend rehearsal(Environment env, Runbook runbook) {
        RehearsalBackend b = new RehearsalBackend(settings, env, 3000, Set.of());
        b.simulation().startFrom(env, runbook.rehearsalStart().orElseThrow());
        return b;
    }

    private Run run(Runbook runbook, Environment env, dev.runbook.aws.Backend backend, Map<String, String> facts)
            throws Exception {
        Path dir = new Runs(tmp.resolve("runs")).create(env.name(), Instant.parse("2026-11-29T04:00:00Z"));
        return new Run(new RunInfo(dir.getFileName().toString(), dir, "alice", facts), runbook, env, settings, backend,
                Journal.open(dir), RunListener.NONE);
    }

    private static boolean exists(ElastiCacheClient ec, String group) {
        try {
            ec.describeReplicationGroups(r -> r.replicationGroupId(group));
            return true;
        } catch (ReplicationGroupNotFoundException e) {
            return false;
        }
    }

    @Test
    void prodAsksTheTypedGroupIdForEachDeletionAndADeclineDeletesNothing() throws Exception {
        Environment prod = settings.environment("prod");
        Runbook rb = new RunbookLoader(ActionRegistry.standard()).load(CLEANUP, prod);
        try (RehearsalBackend backend = rehearsal(prod, rb)) {
            List<ConfirmRequest> asked = new ArrayList<>();
            Run declined = run(rb, prod, backend, Map.of("mode", "REHEARSAL"));
            assertEquals(Autopilot.Result.ABORTED, new Autopilot(declined, r -> {
                asked.add(r);
                return Confirmation.declined("alice");
            }).drive());
            declined.journal().close();
            assertEquals(Confirm.TYPE_ID, asked.get(0).kind());
            // the word typed is the name of what goes: the rollback group's id, not the id of the group that stays
            assertEquals("goorm-popcorn-cache-prod-rollback", asked.get(0).target());
            assertTrue(asked.get(0).accepts("goorm-popcorn-cache-prod-rollback"));
            assertFalse(asked.get(0).accepts("goorm-popcorn-cache-prod"));
            assertTrue(exists(backend.elastiCache(), "goorm-popcorn-cache-prod-rollback"), "nothing was deleted");

            asked.clear();
            Run typed = run(rb, prod, backend, Map.of("mode", "REHEARSAL"));
            assertEquals(Autopilot.Result.COMPLETED, new Autopilot(typed, r -> {
                asked.add(r);
                String typedId = r.entry().key().equals("delete/delete-rollback-group")
                        ? "goorm-popcorn-cache-prod-rollback" : "goorm-popcorn-cache-prod";
                return new Confirmation(r.accepts(typedId), "alice", "typed id");
            }).drive());
            typed.journal().close();
            assertEquals(List.of("delete/delete-rollback-group", "delete/delete-snapshots"),
                    asked.stream().map(r -> r.entry().key()).toList());
            assertTrue(asked.stream().allMatch(r -> r.kind() == Confirm.TYPE_ID));
            assertFalse(exists(backend.elastiCache(), "goorm-popcorn-cache-prod-rollback"));
            assertEquals(StepStatus.DONE, typed.state("verify/inventory-after").status());
        }
    }

    @Test
    void aDryRunDeletesNothingAndShowsWhatItWouldSend() throws Exception {
        Environment dev = settings.environment("dev");
        Runbook rb = new RunbookLoader(ActionRegistry.standard()).load(CLEANUP, dev);
        try (RehearsalBackend world = rehearsal(dev, rb)) {
            ElastiCacheClient guarded = ReadOnlyGuard.wrap(ElastiCacheClient.class, world::elastiCache);
            assertThrows(DryRunRefusedException.class, () -> guarded.deleteReplicationGroup(r -> r
                    .replicationGroupId("goorm-popcorn-cache-dev-rollback")));
            assertThrows(DryRunRefusedException.class, () -> guarded.deleteSnapshot(r -> r.snapshotName("x")));
            Run run = run(rb, dev, new TestBackend(Mode.DRY_RUN, world.time(), guarded), Map.of("mode", "DRY-RUN"));
            new Autopilot(run, r -> {
                throw new AssertionError("a dry run asks no confirmation: " + r.entry().key());
            }).drive();
            run.journal().close();
            StepState group = run.state("delete/delete-rollback-group");
            assertEquals(StepStatus.WOULD_RUN, group.status());
            assertEquals("would send: DeleteReplicationGroupRequest(ReplicationGroupId=goorm-popcorn-cache-dev-rollback,"
                    + " RetainPrimaryCluster=false)", group.outcome().summary());
            StepState snaps = run.state("delete/delete-snapshots");
            assertEquals(StepStatus.WOULD_RUN, snaps.status());
            assertTrue(snaps.outcome().summary().startsWith("would send: DeleteSnapshotRequest("), snaps.outcome().summary());
            assertTrue(exists(world.elastiCache(), "goorm-popcorn-cache-dev-rollback"));
            assertEquals(2, world.elastiCache().describeSnapshots(r -> r.replicationGroupId("goorm-popcorn-cache-dev"))
                    .snapshots().stream().filter(s -> "manual".equals(s.snapshotSource())).count());
        }
    }

    /** Sends DeleteReplicationGroup as the real action does, then the process dies before the step ends. */
    record CrashAfterDelete(DeleteRollbackGroup real) implements Action {
        @Override
        public Preview preview(PreviewContext ctx) {
            return real.preview(ctx);
        }

        @Override
        public boolean mutates() {
            return true;
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            ctx.elastiCache().deleteReplicationGroup(r -> r.replicationGroupId(real.rollbackGroup()));
            throw new Error("killed right after DeleteReplicationGroup was sent");
        }

        @Override
        public Optional<Reconciliation> reconcile(ActionContext ctx, Reconciliation.Interrupted step) {
            return real.reconcile(ctx, step);
        }

        @Override
        public void reseed(Reseed seed, Reconciliation.Interrupted step) {
            real.reseed(seed, step);
        }
    }

    @Test
    void aCrashAfterDeleteReplicationGroupWasSentIsReconciledOnResumeNotSentAgain() throws Exception {
        Environment dev = settings.environment("dev");
        ActionRegistry standard = ActionRegistry.standard();
        ActionRegistry crashing = new ActionRegistry();
        standard.names().stream().filter(n -> !n.equals("elasticache.delete-rollback-group"))
                .forEach(n -> crashing.register(n, standard.factory(n).orElseThrow()));
        crashing.register("elasticache.delete-rollback-group", (Params p) -> new CrashAfterDelete(
                (DeleteRollbackGroup) DeleteRollbackGroup.create(p)));
        Runbook rb = new RunbookLoader(crashing).load(CLEANUP, dev);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mode", "REHEARSAL");
        facts.put("environment", "dev");
        facts.put("replication-group", dev.replicationGroupId());
        facts.put("runbook", CLEANUP.toString());
        facts.put("speed", "3000");
        facts.put("drills", "none");
        Run run;
        try (RehearsalBackend backend = rehearsal(dev, rb)) {
            run = run(rb, dev, backend, facts);
            RecordedStart.record(run.dir(), CLEANUP, settings);
            run.started();
            Run crashed = run;
            Error e = assertThrows(Error.class, () -> new Autopilot(crashed, r -> new Confirmation(true, "alice",
                    "auto")).drive());
            assertEquals("killed right after DeleteReplicationGroup was sent", e.getMessage());
            run.journal().close();
        }
        StringWriter out = new StringWriter();
        int code = Main.run(new String[]{"resume", run.dir().getFileName().toString(), "--runs-dir",
                tmp.resolve("runs").toString(), "--non-interactive", "--config", settings.file().toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertEquals(0, code, out.toString());
        List<JournalEvent> events = Journal.read(run.journal().file()).events();
        JournalEvent reconciled = events.stream().filter(ev -> "reconciled".equals(ev.event())).findFirst().orElseThrow();
        assertEquals("delete/delete-rollback-group", reconciled.step());
        assertTrue(reconciled.summary().contains("goorm-popcorn-cache-dev-rollback is not found: the delete was sent,"
                + " not sent again"), reconciled.summary());
        assertEquals(1, events.stream().filter(ev -> "delete/delete-rollback-group".equals(ev.step())
                && "started".equals(ev.event())).count(), "started once, never again after the resume");
        assertTrue(out.toString().contains("done (reconciled on resume)"), out.toString());
    }
}
