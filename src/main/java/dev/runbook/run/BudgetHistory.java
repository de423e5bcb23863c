package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.runbook.Runbook;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the steps of this environment actually took in its earlier runs under the runs folder: the journals of runs
 * of the same environment and replication group (dry runs left out: their changes only were shown), read once. A part
 * of the budget is one sample per earlier run in which each of its steps ended done or skipped, those that need this
 * run's snapshot (the engine change, the restore) done (the sample: the sum of their durations); its
 * estimate is the weighted p95 of those samples, a live run weighing {@code liveWeight} rehearsals, since a
 * rehearsal's durations are simulated time.
 */
public final class BudgetHistory {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetHistory.class);

    /** One earlier run. */
    record Earlier(String id, boolean live, JournalReplay replay) {
    }

    /** A part's p95 and the sentence saying where it came from. */
    public record P95(Duration duration, String source) {
    }

    private final List<Earlier> runs;

    BudgetHistory(List<Earlier> runs) {
        this.runs = List.copyOf(runs);
    }

    /** No earlier runs: every part comes from the settings. */
    public static BudgetHistory none() {
        return new BudgetHistory(List.of());
    }

    /** The earlier runs of {@code environment}/{@code group} under {@code root}, {@code self} left out. */
    public static BudgetHistory of(Path root, Path self, String environment, String group) {
        List<Earlier> found = new ArrayList<>();
        for (Path dir : new Runs(root).list()) {
            if (dir.toAbsolutePath().normalize().equals(self.toAbsolutePath().normalize())) {
                continue;
            }
            try {
                JournalReplay r = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE)));
                String mode = r.startFact("mode").orElse("");
                if (environment.equals(r.startFact("environment").orElse(null))
                        && group.equals(r.startFact("replication-group").orElse(null))
                        && !mode.equals(Mode.DRY_RUN.label())) {
                    found.add(new Earlier(r.runId(), mode.equals(Mode.LIVE.label()), r));
                }
            } catch (RuntimeException e) {
                LOG.warn("time budget: the journal of {} could not be read; left out", dir, e);
            }
        }
        return new BudgetHistory(found);
    }

    /** How many earlier runs were read. */
    public int size() {
        return runs.size();
    }

    /** What a step took, counted from {@code countFrom} of its start (the time before the window opened does not count). */
    private static Optional<Duration> took(JournalReplay.StepRecord s, UnaryOperator<Instant> countFrom) {
        if (s.started() == null || s.ended() == null) {
            return Optional.empty();
        }
        Instant end = Instant.parse(s.ended());
        Instant from = countFrom.apply(Instant.parse(s.started()));
        return Optional.of(from.isAfter(end) ? Duration.ZERO : Duration.between(from, end));
    }

    /**
     * The weighted p95 of {@code steps} over the runs in which each of them ended as it should; empty when none did.
     * Each step counts from {@code countFrom} of its start: a change queued for the maintenance window waits for the
     * window to open, and that wait is not spent in the window.
     */
    public Optional<P95> p95(List<Runbook.Entry> steps, int liveWeight, UnaryOperator<Instant> countFrom) {
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        record Sample(Duration took, int weight, boolean live) {
        }
        List<Sample> samples = new ArrayList<>();
        for (Earlier run : runs) {
            Duration sum = Duration.ZERO;
            boolean whole = true;
            for (Runbook.Entry e : steps) {
                // a skip took what it took (a benchmark against the simulated endpoint); the heavy steps, those that
                // need this run's snapshot (the engine change, the restore), count only when they did their work
                boolean mustBeDone = !e.step().action().preconditions().isEmpty();
                Optional<Duration> took = run.replay().step(e.key()).filter(s -> s.status() == StepStatus.DONE
                        || (!mustBeDone && s.status() == StepStatus.SKIPPED)).flatMap(s -> took(s, countFrom));
                if (took.isEmpty()) {
                    whole = false;
                    break;
                }
                sum = sum.plus(took.get());
            }
            if (whole) {
                samples.add(new Sample(sum, run.live() ? liveWeight : 1, run.live()));
            }
        }
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        samples.sort(Comparator.comparing(Sample::took));
        long total = samples.stream().mapToLong(Sample::weight).sum();
        long seen = 0;
        Duration p95 = samples.get(samples.size() - 1).took();
        for (Sample s : samples) {
            seen += s.weight();
            if (seen * 100 >= total * 95) {
                p95 = s.took();
                break;
            }
        }
        long live = samples.stream().filter(Sample::live).count();
        return Optional.of(new P95(p95, "p95 of " + samples.size() + " earlier run" + (samples.size() == 1 ? "" : "s")
                + " (" + live + " live, " + (samples.size() - live) + " rehearsal" + (samples.size() - live == 1 ? "" : "s")
                + (live > 0 ? ", live weighted " + liveWeight + "x" : "") + ")"));
    }
}
