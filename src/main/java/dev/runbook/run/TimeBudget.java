package dev.runbook.run;

import dev.runbook.action.Precondition;
import dev.runbook.action.ReportKind;
import dev.runbook.config.Environment;
import dev.runbook.config.Estimates;
import dev.runbook.config.MaintenanceWindow;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The maintenance window's time budget: what the rest of the migration needs once the engine change is sent (the
 * upgrade, the verification, the monitoring and, should it fail, the rollback) against what is left of the window the
 * change runs in. The engine change is found by what its action declares — a mutating step of the normal sections
 * that needs this run's manual snapshot ({@link Precondition#MANUAL_SNAPSHOT}) — never by its id: it is the point of
 * no return, after which the way back is a snapshot restore into a new group. The parts' steps follow from the
 * runbook the same way (the upgrade's wait and the monitor step by their {@link ReportKind}).
 */
public final class TimeBudget {
    /** The parts of what the rest needs. */
    public enum Part {
        UPGRADE, VERIFICATION, MONITORING, ROLLBACK;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One part's duration and where it came from ("estimates.upgrade", "p95 of 3 earlier runs (1 live)"). */
    public record Need(Part part, Duration duration, String source, boolean measured) {
    }

    /** What the rest needs, part by part. */
    public record Estimate(List<Need> needs) {
        public Estimate {
            needs = List.copyOf(needs);
        }

        public Duration total() {
            return needs.stream().map(Need::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /** True when any part comes from earlier runs (the total is then "at p95"). */
        public boolean measured() {
            return needs.stream().anyMatch(Need::measured);
        }

        /** "upgrade 20 min (estimates.upgrade) + verification 5 min (...) + ..." */
        public String parts() {
            return String.join(" + ", needs.stream().map(n -> n.part().word() + " " + minutesUp(n.duration())
                    + " min (" + n.source() + ")").toList());
        }
    }

    /** How the check came out. */
    public enum Kind {
        /** The window holds what the rest needs. */
        FITS,
        /** It does not: the step is refused unless the operator types the word. */
        TOO_SHORT,
        /** Nothing bounds it: the change is sent to apply immediately outside the maintenance window. */
        UNBOUNDED;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The check at {@code at}: the window's time left from when the change starts ({@code appliesAt}, now or when AWS
     * applies it) to the window's close ({@code deadline}; null when unbounded), against the estimate.
     */
    public record Verdict(Kind kind, Estimate estimate, Instant appliesAt, Instant deadline, String window) {
        /** Time left in the window from when the change starts; zero when unbounded. */
        public Duration left() {
            return deadline == null ? Duration.ZERO : Duration.between(appliesAt, deadline);
        }

        /** "needs 47 min at p95, 31 min left" (or "needs 60 min (estimates), 75 min left"). */
        public String numbers() {
            String needs = "needs " + minutesUp(estimate.total()) + " min" + (estimate.measured() ? " at p95"
                    : " (estimates)");
            return kind == Kind.UNBOUNDED ? needs + ", not bounded by the maintenance window"
                    : needs + ", " + minutesDown(left()) + " min left";
        }

        /** The operator's sentence. */
        public String line() {
            return switch (kind) {
                case FITS -> "The maintenance window holds the rest: " + numbers() + " (" + estimate.parts()
                        + "; the window " + window + " closes at " + deadline + ")";
                case TOO_SHORT -> "The maintenance window cannot hold the rest of the change: " + numbers() + " ("
                        + estimate.parts() + "; the change starts " + appliesAt + ", the window " + window
                        + " closes at " + deadline + ")";
                case UNBOUNDED -> "apply-immediately is true and now is outside the maintenance window " + window
                        + ": the change starts now and no window bounds it; " + numbers() + " (" + estimate.parts() + ")";
            };
        }

        /** The facts the journal and the report carry. */
        public Map<String, String> facts() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("budget-verdict", kind.word());
            f.put("budget-needs-min", String.valueOf(minutesUp(estimate.total())));
            if (kind != Kind.UNBOUNDED) {
                f.put("budget-left-min", String.valueOf(minutesDown(left())));
                f.put("budget-applies-at", appliesAt.toString());
                f.put("budget-deadline", deadline.toString());
            }
            f.put("budget-window", window);
            estimate.needs().forEach(n -> f.put("budget." + n.part().word(), minutesUp(n.duration()) + " min ("
                    + n.source() + ")"));
            f.put("budget-line", line());
            return f;
        }
    }

    private final List<Runbook.Entry> entries;
    private final Predicate<Runbook.Entry> applies;
    private final Environment environment;

    TimeBudget(List<Runbook.Entry> entries, Predicate<Runbook.Entry> applies, Environment environment) {
        this.entries = List.copyOf(entries);
        this.applies = applies;
        this.environment = environment;
    }

    /** True for the step that sends the engine change: mutating, in the normal sections, needing the manual snapshot. */
    public static boolean isEngineChange(Runbook.Entry e) {
        return e.section().kind() == Section.Kind.NORMAL && e.step().action().mutates()
                && e.step().action().preconditions().contains(Precondition.MANUAL_SNAPSHOT);
    }

    /** The point of no return of this run: the first engine change that applies here. */
    public Optional<Runbook.Entry> pointOfNoReturn() {
        return entries.stream().filter(applies).filter(TimeBudget::isEngineChange).findFirst();
    }

    /** The steps of each part, in runbook order (empty lists when the runbook has no engine change). */
    public Map<Part, List<Runbook.Entry>> parts() {
        Map<Part, List<Runbook.Entry>> parts = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            parts.put(p, new ArrayList<>());
        }
        Optional<Runbook.Entry> change = pointOfNoReturn();
        if (change.isEmpty()) {
            return parts;
        }
        boolean after = false;
        boolean waited = false;
        for (Runbook.Entry e : entries) {
            if (!applies.test(e)) {
                continue;
            }
            if (e.section().kind() == Section.Kind.ROLLBACK) {
                parts.get(Part.ROLLBACK).add(e);
                continue;
            }
            after |= e.equals(change.get());
            if (!after) {
                continue;
            }
            Optional<String> kind = e.step().action().reportKind();
            if (!waited) {
                parts.get(Part.UPGRADE).add(e);
                waited = kind.filter(ReportKind.UPGRADE_WAIT::equals).isPresent();
            } else if (kind.filter(ReportKind.CLOUDWATCH::equals).isPresent()) {
                parts.get(Part.MONITORING).add(e);
            } else {
                parts.get(Part.VERIFICATION).add(e);
            }
        }
        if (!waited) {
            // no wait step: the upgrade is the change alone, what came after it is verification
            List<Runbook.Entry> upgrade = parts.get(Part.UPGRADE);
            parts.get(Part.VERIFICATION).addAll(0, upgrade.subList(1, upgrade.size()));
            upgrade.subList(1, upgrade.size()).clear();
        }
        return parts;
    }

    /** The estimate: each part's p95 from {@code history} where it has samples, else the settings' estimate. */
    public Estimate estimate(Estimates settings, BudgetHistory history) {
        Map<Part, List<Runbook.Entry>> parts = parts();
        // a change queued for the window (apply-immediately = false) spends in the window only what came after it opened
        MaintenanceWindow w = MaintenanceWindow.parse(environment.maintenanceWindow());
        UnaryOperator<Instant> countFrom = environment.applyImmediately() ? t -> t
                : t -> w.contains(t) ? t : w.nextOpening(t);
        List<Need> needs = new ArrayList<>();
        for (Part p : Part.values()) {
            Duration fallback = switch (p) {
                case UPGRADE -> settings.upgrade();
                case VERIFICATION -> settings.verification();
                case MONITORING -> settings.monitoring();
                case ROLLBACK -> settings.rollback();
            };
            Optional<BudgetHistory.P95> measured = history.p95(parts.get(p), settings.liveWeight(), countFrom);
            needs.add(measured.map(m -> new Need(p, m.duration(), m.source(), true))
                    .orElseGet(() -> new Need(p, fallback, "estimates." + p.word(), false)));
        }
        return new Estimate(needs);
    }

    /** The check at {@code now} for a run whose start is not known. */
    public Verdict verdict(Estimate estimate, Instant now) {
        return verdict(estimate, now, null);
    }

    /**
     * The check at {@code now}: where the change runs in the window, and whether the estimate fits. {@code since} is
     * when the run started (null: unknown): an apply-immediately change outside the window is unbounded only when the
     * run did not start before the window last closed — a run that began in (or before) its window and drifted past
     * the close has nothing left of it.
     */
    public Verdict verdict(Estimate estimate, Instant now, Instant since) {
        String text = environment.maintenanceWindow();
        MaintenanceWindow w = MaintenanceWindow.parse(text);
        if (environment.applyImmediately() && !w.contains(now)) {
            Instant at = now.truncatedTo(ChronoUnit.SECONDS);
            Instant lastClose = w.lastClose(now);
            if (since != null && since.isBefore(lastClose)) {
                return new Verdict(Kind.TOO_SHORT, estimate, at, lastClose, text);
            }
            return new Verdict(Kind.UNBOUNDED, estimate, at, null, text);
        }
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Instant appliesAt = environment.applyImmediately() ? at : w.nextApply(at);
        Instant deadline = w.currentOrNextStart(now).plus(w.length());
        boolean fits = estimate.total().compareTo(Duration.between(appliesAt, deadline)) <= 0;
        return new Verdict(fits ? Kind.FITS : Kind.TOO_SHORT, estimate, appliesAt, deadline, text);
    }

    static long minutesUp(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return (s + 59) / 60;
    }

    static long minutesDown(Duration d) {
        return Math.max(0, d.getSeconds()) / 60;
    }
}
