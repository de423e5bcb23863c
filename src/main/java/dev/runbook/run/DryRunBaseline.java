package dev.runbook.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the dry run a later run of the same environment and group is held to: the newest one under the runs
 * folder recorded within {@code dry-run.max-age}, or the one the operator names ({@code --after-dry-run}).
 */
public final class DryRunBaseline {
    private DryRunBaseline() {
    }

    /** The outcome of a look-up: the record, or why there is none (for the operator, once). */
    public record Found(Optional<DryRunRecord> record, String why) {
    }

    /** The newest dry run of {@code env}/{@code group} under {@code runsRoot} within {@code maxAge} of {@code now}. */
    public static Found newest(Path runsRoot, String env, String group, Duration maxAge, Instant now) {
        Optional<DryRunRecord> newest = new Runs(runsRoot).list().stream()
                .map(DryRunRecord::read).flatMap(Optional::stream)
                .filter(r -> env.equals(r.environment()) && group.equals(r.replicationGroup()))
                .filter(r -> !r.recorded().isBefore(now.minus(maxAge)))
                .max(Comparator.comparing(DryRunRecord::recorded));
        return new Found(newest, newest.isPresent() ? "" : "no dry run of " + env + " (" + group + ") within "
                + DryRunRecord.human(maxAge) + " under " + runsRoot + ": this run is held to nothing reviewed"
                + " (run --dry-run first, or name one with --after-dry-run RUN_ID)");
    }

    /**
     * The dry run named {@code runId}, whatever its age; an {@link IllegalArgumentException} saying what is wrong
     * when there is no such dry run of this environment and group.
     */
    public static DryRunRecord named(Path runsRoot, String runId, String env, String group) {
        Path dir = runsRoot.resolve(runId);
        if (runId.contains("/") || runId.contains("\\") || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--after-dry-run: no run " + runId + " under " + runsRoot);
        }
        DryRunRecord r = DryRunRecord.read(dir).orElseThrow(() -> new IllegalArgumentException(
                "--after-dry-run: run " + runId + " recorded no dry run (" + DryRunRecord.FILE + " is missing): name a"
                        + " run made with run --dry-run"));
        if (!env.equals(r.environment()) || !group.equals(r.replicationGroup())) {
            throw new IllegalArgumentException("--after-dry-run: run " + runId + " was a dry run of " + r.environment()
                    + " (" + r.replicationGroup() + "), not of " + env + " (" + group + ")");
        }
        return r;
    }
}
