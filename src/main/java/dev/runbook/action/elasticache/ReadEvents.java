package dev.runbook.action.elasticache;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.ssm.SsmContext;
import dev.runbook.action.ssm.SsmForm;
import dev.runbook.action.ssm.SsmOutput;
import dev.runbook.action.ssm.SsmStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/**
 * Reads the events of the group and its member clusters over the last {@code since} (AWS keeps 14 days) and puts
 * them in the log and the outcome, for the report's account of the change.
 */
public record ReadEvents(String group, Duration since) implements Action {
    static final Duration MAX = Duration.ofDays(14);


    public static Action create(Params p) {
        Duration since = p.duration("since", Duration.ofHours(2));
        if (since.compareTo(MAX) > 0 || since.isNegative() || since.isZero()) {
            throw p.invalid("since", "must be between 1s and 14d (AWS keeps events for 14 days)");
        }
        return new ReadEvents(p.string("replication-group"), since);
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        Instant from = ctx.now().minus(since);
        return Preview.of("Read the events of " + group + " and its members over the last " + Waiting.format(since),
                EventReader.request(SourceType.REPLICATION_GROUP, group, from).toString(),
                EventReader.request(SourceType.CACHE_CLUSTER, null, from).toString());
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        var g = GroupState.describeGroup(AwsClients.elastiCache(ctx), group);
        List<Event> events = new EventReader(AwsClients.elastiCache(ctx), group, g.memberClusters(),
                ctx.time().now().minus(since)).readAll();
        List<String> lines = events.stream().map(EventReader::line).toList();
        lines.forEach(ctx.progress()::log);
        String summary = events.size() + " event(s) of " + group + " in the last " + Waiting.format(since)
                + (lines.isEmpty() ? "" : ":\n" + String.join("\n", lines));
        return Outcome.succeeded(summary).fact("count", events.size()).build();
    }

    /** SSM: DescribeEvents of the group and of each member the environment has, over the same span. */
    @Override
    public SsmForm ssm(SsmContext ctx) {
        int minutes = (int) since.toMinutes();
        var steps = new ArrayList<SsmStep>();
        steps.add(ctx.awsApi("Group", "events of the group over the last " + Waiting.format(since), "elasticache",
                "DescribeEvents", SsmStep.inputs("SourceType", "replication-group", "SourceIdentifier", ctx.group(),
                        "Duration", minutes), SsmOutput.of("Events", "$.Events", "MapList")));
        for (int i = 1; i <= ctx.environment().numCacheClusters(); i++) {
            String member = ctx.group() + String.format("-%03d", i);
            steps.add(ctx.awsApi(String.format("Member%03d", i), "events of member " + member, "elasticache",
                    "DescribeEvents", SsmStep.inputs("SourceType", "cache-cluster", "SourceIdentifier", member,
                            "Duration", minutes), SsmOutput.of("Events", "$.Events", "MapList")));
        }
        return SsmForm.of(steps).withTerminalOnly("members are the environment's <group>-001.." + String.format("%03d",
                ctx.environment().numCacheClusters()) + ", not the members described at run time");
    }
}
