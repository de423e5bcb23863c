package dev.runbook.action.guard;

import dev.runbook.action.Action;
import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import dev.runbook.action.AwsClients;
import dev.runbook.action.AwsErrors;
import dev.runbook.action.Mode;
import dev.runbook.action.Outcome;
import dev.runbook.action.Params;
import dev.runbook.action.Preview;
import dev.runbook.action.PreviewContext;
import dev.runbook.action.RunsFolder;
import dev.runbook.action.elasticache.GroupState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code guard.no-run-in-flight}: nothing else is still working on the group — no unexpired lease of another run on
 * it (the {@code valkey-runbook:lock} tag, read with ListTagsForResource) and no unfinished run of it in the runs
 * folder (a journal without {@code run-ended}: crashed or quit, so {@code resume} may still continue it and need
 * what a clean-up would delete). A rehearsal counts unfinished rehearsals; a live or dry run counts unfinished live
 * runs (a dry run changes nothing). Read-only. The run's own lease still guards every change after this check.
 */
public record NoRunInFlight(String group) implements Action {
    static final String LEASE_TAG = "valkey-runbook:lock";

    public static Action create(Params p) {
        return new NoRunInFlight(p.string("replication-group"));
    }

    @Override
    public Preview preview(PreviewContext ctx) {
        return Preview.of("Check that no other run holds the lease on " + group + " (ListTagsForResource) and that no"
                + " unfinished run of " + group + " is in " + ctx.runDir().getParent() + " (journals without run-ended)");
    }

    @Override
    public boolean mutates() {
        return false;
    }

    @Override
    public Outcome execute(ActionContext ctx) throws ActionException {
        List<String> problems = new ArrayList<>();
        String self = ctx.runDir().getFileName().toString();
        leaseHolder(ctx, self).ifPresent(problems::add);
        List<String> unfinished = unfinishedRuns(ctx);
        if (!unfinished.isEmpty()) {
            problems.add("unfinished run(s) of " + group + " in " + ctx.runDir().getParent() + ": "
                    + String.join(", ", unfinished) + " (crashed or quit: resume may still need the rollback group"
                    + " and the snapshots; finish or abort them first)");
        }
        if (!problems.isEmpty()) {
            return Outcome.failed("Refused: a run is still in flight on " + group + ": " + String.join("; ", problems))
                    .fact("runs-in-flight", String.join(", ", unfinished)).build();
        }
        return Outcome.succeeded("No run is in flight on " + group + ": no other run's lease, no unfinished run in "
                + ctx.runDir().getParent()).fact("runs-in-flight", "none").build();
    }

    /** Another run's unexpired lease on the group, in words; empty when none. */
    private Optional<String> leaseHolder(ActionContext ctx, String self) throws ActionException {
        try {
            var ec = AwsClients.elastiCache(ctx);
            String arn = GroupState.describeGroup(ec, group).arn();
            return ec.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                    .filter(t -> LEASE_TAG.equals(t.key())).map(t -> t.value()).findFirst()
                    .filter(v -> !v.startsWith(self + "/"))
                    .filter(v -> expires(v).map(e -> e.isAfter(ctx.time().now())).orElse(true))
                    .map(v -> "run " + v.split("/", 2)[0] + " holds the lease on " + group + " (" + v + ")");
        } catch (SdkException e) {
            throw AwsErrors.translate("read the lease on " + group, group, e);
        }
    }

    private static Optional<Instant> expires(String value) {
        try {
            return Optional.of(Instant.parse(value.substring(value.lastIndexOf('/') + 1)));
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable: counts as held, as the run's own lease rule says
        }
    }

    /** Unfinished runs (not this one) of this group in a comparable mode, from the run's runs folder. */
    private List<String> unfinishedRuns(ActionContext ctx) {
        String counts = ctx.mode() == Mode.REHEARSAL ? Mode.REHEARSAL.label() : Mode.LIVE.label();
        return ctx.service(RunsFolder.class).map(RunsFolder::unfinished).orElse(List.of()).stream()
                .filter(r -> group.equals(r.group()) && counts.equals(r.mode())).map(RunsFolder.Unfinished::id)
                .toList();
    }
}
