package dev.runbook.action.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<String> unfinished = unfinishedRuns(ctx.runDir().getParent(), self, ctx.mode());
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
    private java.util.Optional<String> leaseHolder(ActionContext ctx, String self) throws ActionException {
        try {
            var ec = AwsClients.elastiCache(ctx);
            String arn = ec.describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups().get(0).arn();
            return ec.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                    .filter(t -> LEASE_TAG.equals(t.key())).map(t -> t.value()).findFirst()
                    .filter(v -> !v.startsWith(self + "/"))
                    .filter(v -> expires(v).map(e -> e.isAfter(ctx.time().now())).orElse(true))
                    .map(v -> "run " + v.split("/", 2)[0] + " holds the lease on " + group + " (" + v + ")");
        } catch (SdkException e) {
            throw AwsErrors.translate("read the lease on " + group, group, e);
        }
    }

    private static java.util.Optional<Instant> expires(String value) {
        try {
            return java.util.Optional.of(Instant.parse(value.substring(value.lastIndexOf('/') + 1)));
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // unreadable: counts as held, as the run's own lease rule says
        }
    }

    /** Run folders (not this one) whose journal started a run of this group in a comparable mode and never ended. */
    List<String> unfinishedRuns(Path runsDir, String self, Mode mode) throws ActionException {
        List<String> out = new ArrayList<>();
        if (runsDir == null || !Files.isDirectory(runsDir)) {
            return out;
        }
        String counts = mode == Mode.REHEARSAL ? Mode.REHEARSAL.label() : Mode.LIVE.label();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.sorted().toList()) {
                Path journal = dir.resolve("journal.jsonl");
                if (dir.getFileName().toString().equals(self) || !Files.isRegularFile(journal)) {
                    continue;
                }
                boolean ours = false;
                boolean ended = false;
                for (String line : Files.readAllLines(journal)) {
                    JsonNode e = read(line);
                    if (e == null) {
                        continue;
                    }
                    String event = e.path("event").asText();
                    if ("run-started".equals(event)) {
                        ours = group.equals(e.path("facts").path("replication-group").asText())
                                && counts.equals(e.path("facts").path("mode").asText());
                    } else if ("run-ended".equals(event)) {
                        ended = true;
                    }
                }
                if (ours && !ended) {
                    out.add(dir.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new ActionException("Cannot read the runs folder " + runsDir + ": " + e.getMessage());
        }
        return out;
    }

    private static JsonNode read(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException e) {
            return null; // a torn last line: the run did not end there
        }
    }
}
