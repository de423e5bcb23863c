package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.Reconciliation;
import dev.runbook.action.ReportKind;
import dev.runbook.action.Reseed;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;
import dev.runbook.config.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * Waits for the engine upgrade and verifies it: the group must be seen to start (leave {@code available}, a
 * queued engine version, or an event after the request), then be {@code available} with every member on the
 * target engine and version. Events of the group and its members stream into the log; the status line shows the
 * elapsed time. Polling keeps to a call budget while noticing completion within seconds (see {@link Cadence}).
 */
public record AwaitUpgrade(String group, String engine, String version) implements Action {
    /** How long the group may look untouched before the wait says the upgrade never started. */
    static final Duration START_GRACE = Duration.ofMinutes(5);


    public static Action create(Params p) {
        return new AwaitUpgrade(p.string("replication-group"), p.string("engine"), p.string("version"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Wait up to " + Waiting.format(ctx.settings().waits().upgradeTimeout()) + " for " + group
                        + " to finish the upgrade, then verify every member runs " + engine + " " + version + ".x",
                DescribeReplicationGroupsRequest.builder().replicationGroupId(group).build().toString(),
                EventReader.request(SourceType.REPLICATION_GROUP, group, ctx.now()).toString(),
                EventReader.request(SourceType.CACHE_CLUSTER, null, ctx.now()).toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException, InterruptedException {
        if (ctx.mode() == Mode.DRY_RUN) {
            return Outcome.wouldRun("Would wait up to " + Waiting.format(ctx.settings().waits().upgradeTimeout())
                    + " for " + group + " to leave available and come back with every member on " + engine + " "
                    + version + ".x; the upgrade is not sent in a dry run, so there is nothing to wait for.").build();
        }
        Instant start = ctx.time().now();
        Optional<Instant> requested = ctx.fact("upgrade-requested-at").map(Instant::parse);
        Duration grace = START_GRACE;
        if (ctx.fact("apply-immediately").filter("false"::equals).isPresent()) {
            MaintenanceWindow w = MaintenanceWindow.parse(ctx.environment().maintenanceWindow());
            Duration timeout = ctx.settings().waits().upgradeTimeout();
            if (!w.contains(start)) {
                Instant opens = w.nextOpening(start);
                if (Duration.between(start, opens).compareTo(timeout) > 0) {
                    return Outcome.skipped("The upgrade of " + group + " is queued for the maintenance window, which"
                            + " is " + w.describe(start) + ": run this step again once the window has opened.").build();
                }
                waitForWindow(ctx, w, opens);
            }
            grace = timeout;
        }
        return new Watch(ctx, requested.orElse(start), grace).run();
    }

    /**
     * A change queued for a window that opens within the upgrade timeout: wait for the opening (the operator
     * came for this window), saying when it opens, then watch the upgrade as usual.
     */
    private void waitForWindow(ActionContext ctx, MaintenanceWindow w, Instant opens) throws InterruptedException {
        ctx.progress().log("The upgrade of " + group + " is queued for the maintenance window, which is "
                + w.describe(ctx.time().now()) + ": waiting for it to open");
        for (Instant now = ctx.time().now(); now.isBefore(opens); now = ctx.time().now()) {
            Duration left = Duration.between(now, opens);
            ctx.progress().status("waiting for the maintenance window " + w + " to open: " + Waiting.format(left));
            ctx.time().sleep(left.compareTo(Duration.ofSeconds(30)) < 0 ? left : Duration.ofSeconds(30));
        }
    }

    /** The error codes of a member cluster that is not there (for a moment, while AWS replaces its node). */
    private static final Set<String> MEMBER_NOT_FOUND = Set.of("CacheClusterNotFound",
            "CacheClusterNotFoundFault");
    /** How many polls in a row may miss a member before the wait says so (about a minute at the usual cadence). */
    private static final int MEMBER_MISSING_POLLS = 6;

    /** One wait: its state across polls. */
    private final class Watch {
        private final ActionContext ctx;
        private final Instant requestedAt;
        private final Duration grace;
        private final Instant start;
        private Instant startedAt;
        private int availableWithoutTarget;
        private int memberMissing;

        Watch(ActionContext ctx, Instant requestedAt, Duration grace) {
            this.ctx = ctx;
            this.requestedAt = requestedAt;
            this.grace = grace;
            this.start = ctx.time().now();
        }

        Outcome run() throws ActionException, InterruptedException {
            GroupState s = GroupState.load(AwsClients.elastiCache(ctx), group);
            EventReader events = new EventReader(AwsClients.elastiCache(ctx), group, s.group().memberClusters(),
                    requestedAt.minus(Duration.ofMinutes(1)));
            Cadence cadence = new Cadence(start);
            if (s.engineVersionPending() || !"available".equals(s.status())) {
                markStarted();
            }
            if (finished(s) && startedAt == null) {
                return alreadyDone(s);
            }
            while (!finished(s)) {
                Instant now = ctx.time().now();
                Duration elapsed = Duration.between(start, now);
                if (elapsed.compareTo(ctx.settings().waits().upgradeTimeout()) >= 0) {
                    throw new ActionException("Gave up after " + Waiting.format(elapsed) + ": " + group + " is still "
                            + s.status() + " (members " + s.memberVersions() + "). The upgrade may still finish:"
                            + " watch the console, then re-run this step to verify.");
                }
                if (startedAt == null && elapsed.compareTo(grace) >= 0) {
                    throw new ActionException(group + " has shown no sign of the upgrade for " + Waiting.format(elapsed)
                            + " (still available, members " + s.memberVersions() + "): check that the upgrade step"
                            + " succeeded with apply-immediately = true, then re-run it.");
                }
                ctx.progress().status(group + ": " + s.status() + (startedAt == null ? " (waiting for it to start)" : "")
                        + " — " + Waiting.format(elapsed) + " elapsed");
                ctx.time().sleep(cadence.next(startedAt != null, now));
                if (cadence.eventsDue(ctx.time().now())) {
                    stream(cadence.groupEventsTurn() ? events.readGroup() : events.readMembers());
                }
                s = poll(s, cadence);
            }
            stream(events.readAll());
            Instant finished = ctx.time().now();
            Instant from = startedAt == null ? requestedAt : requestedAt.isBefore(startedAt) ? requestedAt : startedAt;
            long seconds = Duration.between(from, finished).getSeconds();
            return Outcome.succeeded(group + " runs " + s.engine() + " " + s.commonVersion() + " on every member ("
                            + s.memberVersions() + "), available again after " + Waiting.format(Duration.ofSeconds(seconds)))
                    .fact("upgrade-started", from.toString()).fact("upgrade-finished", finished.toString())
                    .fact("upgrade-seconds", seconds).fact("engine-after", s.engine())
                    .fact("member-versions-after", s.memberVersions()).build();
        }

        /** The group already ran the target when the wait began (Terraform waited, or a resumed run). */
        private Outcome alreadyDone(GroupState s) {
            Outcome.Builder b = Outcome.succeeded(group + " already runs " + s.engine() + " " + s.commonVersion()
                    + " on every member (" + s.memberVersions() + "); there was nothing to wait for");
            ctx.fact("upgrade-requested-at").ifPresent(t -> b.fact("upgrade-started", t));
            return b.fact("upgrade-finished", start.toString()).fact("engine-after", s.engine())
                    .fact("member-versions-after", s.memberVersions()).build();
        }

        private GroupState poll(GroupState last, Cadence cadence) throws ActionException {
            var g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
            if (!"available".equals(g.status())) {
                markStarted();
                return new GroupState(g, last.members());
            }
            if (startedAt == null && !cadence.memberCheckDue(ctx.time().now())) {
                return new GroupState(g, last.members());
            }
            GroupState s;
            try {
                s = GroupState.load(AwsClients.elastiCache(ctx), group);
                memberMissing = 0;
            } catch (ActionException e) {
                // during an upgrade AWS replaces the nodes, and a member can be "not found" for a poll or two
                if (!MEMBER_NOT_FOUND.contains(String.valueOf(e.errorCode())) || ++memberMissing > MEMBER_MISSING_POLLS) {
                    throw e;
                }
                ctx.progress().log("a member of " + group + " was not found for a moment (" + e.errorCode()
                        + ", request id " + e.requestId() + "): nodes are replaced during an upgrade; polling again");
                return new GroupState(g, last.members());
            }
            if (s.engineVersionPending()) {
                markStarted();
            } else if (startedAt != null && !s.allMembersRun(engine, version) && ++availableWithoutTarget >= 6) {
                throw new ActionException(group + " is available again but its members run " + s.engine() + " "
                        + s.memberVersions() + ", not " + engine + " " + version + ".x: the upgrade failed or was"
                        + " reverted; read the events step, then decide between retrying and the rollback.");
            }
            return s;
        }

        private boolean finished(GroupState s) {
            return "available".equals(s.status()) && !s.engineVersionPending() && s.allMembersRun(engine, version);
        }

        private void markStarted() {
            if (startedAt == null) {
                startedAt = ctx.time().now();
                ctx.progress().log(group + " started the upgrade (seen at " + startedAt + ")");
            }
        }

        private void stream(List<Event> events) {
            for (Event e : events) {
                ctx.progress().log(EventReader.line(e));
                if (e.date() != null && e.date().isAfter(requestedAt)) {
                    markStarted();
                }
            }
        }
    }

    /**
     * SSM: a change queued for the window sleeps until it opens (failing when that is further than the upgrade
     * timeout); then wait to see the group leave available, wait for available, and check every member (a script).
     * A group already on the target goes straight to the member check, as the terminal's "nothing to wait for".
     */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        var id = SsmStep.inputs("ReplicationGroupId", ctx.group());
        Duration timeout = ctx.waits().upgradeTimeout();
        var steps = new ArrayList<SsmStep>();
        steps.add(ctx.awsApi("Read", "the group's engine now", "elasticache", "DescribeReplicationGroups", id,
                SsmOutput.string("Engine", "$.ReplicationGroups[0].Engine")));
        Map<String, Object> done = SsmStep.inputs("NextStep", ctx.name("Members"));
        done.putAll(SsmContext.when(ctx.output("Read", "Engine"), "StringEquals", engine));
        steps.add(ctx.skipWhen("AlreadyTarget", "straight to the member check when the group already runs " + engine,
                done));
        boolean deferred = !ctx.environment().applyImmediately();
        if (deferred) {
            steps.add(ctx.script("Window", "the change waits for the maintenance window "
                            + ctx.environment().maintenanceWindow() + " (UTC)", "window.py", "opening_within",
                    SsmStep.inputs("Window", ctx.environment().maintenanceWindow(), "TimeoutSeconds", timeout.toSeconds()),
                    SsmOutput.string("Opens", "$.Payload.Opens")));
            steps.add(ctx.sleepUntil("UntilWindow", "sleep until the window opens", ctx.output("Window", "Opens")));
        }
        steps.add(ctx.waitFor("Started", "the group leaves available (the upgrade started)",
                deferred ? timeout : START_GRACE, "elasticache", "DescribeReplicationGroups", id,
                "$.ReplicationGroups[0].Status", "modifying"));
        steps.add(ctx.waitFor("Available", "available again", timeout, "elasticache", "DescribeReplicationGroups", id,
                "$.ReplicationGroups[0].Status", "available"));
        steps.add(ctx.script("Members", "every member runs " + engine + " " + version + ".x", "group.py", "members_run",
                SsmStep.inputs("ReplicationGroupId", ctx.group(), "Engine", engine, "Version", version),
                SsmOutput.string("MemberVersions", "$.Payload.MemberVersions")));
        return SsmForm.of(steps).withTerminalOnly("streaming the group's and members' events into the log while it"
                + " waits (the events step reads them afterwards)");
    }

    /** The wait started, so the engine change before it was sent. */
    @Override
    public void reseed(Reseed seed, Reconciliation.Interrupted step) {
        seed.engineChanged();
    }

    @Override
    public Optional<String> reportKind() {
        return Optional.of(ReportKind.UPGRADE_WAIT);
    }
}
