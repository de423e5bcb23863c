package dev.runbook.tui;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Outcome;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Tiny actions for the TUI tests: a read, a change, a check that fails once, a metrics read with series. */
public final class TestActions {
    private TestActions() {
    }

    public static ActionRegistry registry() {
        ActionRegistry r = new ActionRegistry();
        r.register("test.check", p -> new Simple(false, "Describe the group"));
        r.register("test.change", p -> new Simple(true, "Modify the group: engine redis 7.0 → valkey 8.0"));
        r.register("test.flaky", p -> new Flaky());
        r.register("test.metrics", p -> new Metrics());
        r.register("test.wait", p -> new Waiting());
        return r;
    }

    /** Succeeds, saying what it did; a change waits a little on the run's clock and reports progress. */
    static final class Simple implements Action {
        private final boolean mutates;
        private final String summary;

        Simple(boolean mutates, String summary) {
            this.mutates = mutates;
            this.summary = summary;
        }

        @Override
        public Preview preview(PreviewContext ctx) {
            return new Preview(summary, List.of("ModifyReplicationGroupRequest(ReplicationGroupId="
                    + ctx.environment().replicationGroupId() + ", Engine=valkey, EngineVersion=8.0, ApplyImmediately=true)"),
                    mutates ? List.of("the primary is unavailable during the upgrade") : List.of());
        }

        @Override
        public boolean mutates() {
            return mutates;
        }

        @Override
        public Outcome execute(ActionContext ctx) throws InterruptedException {
            if (mutates) {
                ctx.progress().status("modifying — 0m30s elapsed");
                ctx.time().sleep(Duration.ofSeconds(30));
            }
            ctx.progress().log("event: " + summary);
            return Outcome.succeeded(summary + ": done").fact("engine", "valkey").requestId("req-1").build();
        }
    }

    /** Fails the first time it runs, succeeds after. */
    static final class Flaky implements Action {
        private int runs;

        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("Check the snapshots");
        }

        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public Outcome execute(ActionContext ctx) throws ActionException {
            if (runs++ == 0) {
                throw new ActionException("no snapshot younger than 24h: take one, then retry");
            }
            return Outcome.succeeded("a snapshot from 2h ago").build();
        }
    }

    /**
     * A long mutating wait: reports 4m12s elapsed on the run's clock, then blocks until the test opens
     * {@link #RELEASE} (or the worker is interrupted).
     */
    static final class Waiting implements Action {
        static volatile CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("Wait until every member runs valkey 8.0");
        }

        @Override
        public boolean mutates() {
            return true;
        }

        @Override
        public Outcome execute(ActionContext ctx) throws InterruptedException {
            ctx.time().sleep(Duration.ofSeconds(252));
            ctx.progress().status("modifying — 4m12s elapsed");
            RELEASE.await();
            return Outcome.succeeded("every member runs valkey 8.0.1").build();
        }
    }

    /** A metrics read: CPU of two nodes, one over the limit. */
    static final class Metrics implements Action {
        @Override
        public Preview preview(PreviewContext ctx) {
            return Preview.of("GetMetricData for 2 nodes");
        }

        @Override
        public boolean mutates() {
            return false;
        }

        @Override
        public Outcome execute(ActionContext ctx) {
            return Outcome.succeeded("CPU peaked at 95% on -002")
                    .series("goorm-popcorn-cache-dev-001/CPUUtilization", List.of(10.0, 20.0, 30.0, 40.0))
                    .series("goorm-popcorn-cache-dev-002/CPUUtilization", List.of(50.0, 95.0, 60.0, 10.0))
                    .warning("CPUUtilization over 80 on goorm-popcorn-cache-dev-002")
                    .build();
        }
    }
}
