package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionRegistry;
import dev.runbook.config.Environment;
import dev.runbook.config.Estimates;
import dev.runbook.config.Settings;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The time budget's parts, found from what the runbook's actions declare, the window arithmetic of both
 * apply-immediately settings, and the weighted p95 of earlier runs (a live run counting live-weight rehearsals).
 */
class TimeBudgetTest {
    final Settings settings = Settings.load(Path.of("application.conf"));

    private TimeBudget budget(Environment env) {
        Runbook runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"),
                env);
        return new TimeBudget(runbook.entries(), e -> e.step().notApplicableBecause(env.asSubstitutions()) == null, env);
    }

    private static List<String> ids(List<Runbook.Entry> entries) {
        return entries.stream().map(e -> e.step().id()).toList();
    }

    @Test
    void thePointOfNoReturnAndThePartsFollowFromWhatTheActionsDeclare() {
        TimeBudget b = budget(settings.environment("dev"));   // migration-method = terraform
        assertEquals("migrate/terraform-apply", b.pointOfNoReturn().orElseThrow().key());
        Map<TimeBudget.Part, List<Runbook.Entry>> parts = b.parts();
        assertEquals(List.of("terraform-apply", "await-upgrade"), ids(parts.get(TimeBudget.Part.UPGRADE)));
        assertEquals(List.of("cloudwatch"), ids(parts.get(TimeBudget.Part.MONITORING)));
        assertEquals(List.of("probe-downtime", "events", "probe-stop", "ping-after", "data-intact", "benchmark-after",
                "code-agrees"), ids(parts.get(TimeBudget.Part.VERIFICATION)));
        assertEquals(List.of("withdraw-pending-upgrade", "terraform-rollback-check", "restore-snapshot"),
                ids(parts.get(TimeBudget.Part.ROLLBACK)));
    }

    @Test
    void aChangeAppliedImmediatelyOutsideTheWindowIsUnboundedAndInsideItHasWhatIsLeft() {
        Environment dev = settings.environment("dev");   // sun:05:00-sun:07:00, apply-immediately = true
        TimeBudget b = budget(dev);
        TimeBudget.Estimate e = b.estimate(Estimates.DEFAULTS, BudgetHistory.none());
        assertEquals(Duration.ofMinutes(60), e.total());
        TimeBudget.Verdict outside = b.verdict(e, Instant.parse("2026-12-06T04:40:00Z"));
        assertEquals(TimeBudget.Kind.UNBOUNDED, outside.kind());
        assertEquals("needs 60 min (estimates), not bounded by the maintenance window", outside.numbers());
        TimeBudget.Verdict late = b.verdict(e, Instant.parse("2026-12-06T06:29:30Z"));
        assertEquals(TimeBudget.Kind.TOO_SHORT, late.kind());
        assertEquals("needs 60 min (estimates), 30 min left", late.numbers());
        assertEquals(TimeBudget.Kind.FITS, b.verdict(e, Instant.parse("2026-12-06T05:30:00Z")).kind());
    }

    /** A dev run that began in its window (05:00-07:00) and reaches the engine change after 07:00 has nothing left. */
    @Test
    void aRunThatDriftedPastItsWindowsCloseIsRefusedNotUnbounded() {
        TimeBudget b = budget(settings.environment("dev"));
        TimeBudget.Estimate e = b.estimate(Estimates.DEFAULTS, BudgetHistory.none());
        Instant after = Instant.parse("2026-12-06T07:10:00Z");
        TimeBudget.Verdict drifted = b.verdict(e, after, Instant.parse("2026-12-06T05:20:00Z"));
        assertEquals(TimeBudget.Kind.TOO_SHORT, drifted.kind());
        assertEquals("needs 60 min (estimates), 0 min left", drifted.numbers());
        assertEquals(Instant.parse("2026-12-06T07:00:00Z"), drifted.deadline());
        // started before the window opened and still outside it at the change: the same run, also past its close
        assertEquals(TimeBudget.Kind.TOO_SHORT, b.verdict(e, after, Instant.parse("2026-12-06T04:40:00Z")).kind());
        // started after the window closed: no window bounds it, as before
        assertEquals(TimeBudget.Kind.UNBOUNDED, b.verdict(e, after, Instant.parse("2026-12-06T07:05:00Z")).kind());
        assertEquals(TimeBudget.Kind.UNBOUNDED, b.verdict(e, Instant.parse("2026-12-06T04:50:00Z"),
                Instant.parse("2026-12-06T04:40:00Z")).kind(), "before the opening: not yet in a window");
    }

    @Test
    void aChangeQueuedForTheWindowIsCheckedAgainstTheWindowAwsAppliesItIn() {
        Environment prod = settings.environment("prod");   // sun:04:00-sun:06:00, apply-immediately = false
        TimeBudget b = budget(prod);
        assertEquals("migrate/terraform-apply", b.pointOfNoReturn().orElseThrow().key());
        TimeBudget.Estimate e = b.estimate(Estimates.DEFAULTS, BudgetHistory.none());
        TimeBudget.Verdict before = b.verdict(e, Instant.parse("2026-12-05T10:00:00Z"));
        assertEquals(TimeBudget.Kind.FITS, before.kind());
        assertEquals(Instant.parse("2026-12-06T04:00:00Z"), before.appliesAt());
        assertEquals(Instant.parse("2026-12-06T06:00:00Z"), before.deadline());
        TimeBudget.Verdict inside = b.verdict(e, Instant.parse("2026-12-06T05:10:00Z"));
        assertEquals(TimeBudget.Kind.TOO_SHORT, inside.kind());
        assertEquals("needs 60 min (estimates), 49 min left", inside.numbers(), "AWS starts it a minute later");
        assertEquals("too-short", inside.facts().get("budget-verdict"));
        assertEquals("2026-12-06T05:11:00Z", inside.facts().get("budget-applies-at"));
    }

    @Test
    void theP95WeighsALiveRunAsLiveWeightRehearsals() {
        TimeBudget b = budget(settings.environment("dev"));
        List<Runbook.Entry> upgrade = b.parts().get(TimeBudget.Part.UPGRADE);
        List<BudgetHistory.Earlier> runs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            runs.add(earlier("r" + i, false, upgrade, Duration.ofMinutes(10)));
        }
        runs.add(earlier("live", true, upgrade, Duration.ofMinutes(30)));
        BudgetHistory h = new BudgetHistory(runs);

        assertEquals(Duration.ofMinutes(10), h.p95(upgrade, 1, t -> t).orElseThrow().duration(), "1 of 31 is under 5%");
        BudgetHistory.P95 weighted = h.p95(upgrade, 4, t -> t).orElseThrow();
        assertEquals(Duration.ofMinutes(30), weighted.duration(), "4 of 34 is over 5%");
        assertEquals("p95 of 31 earlier runs (1 live, 30 rehearsals, live weighted 4x)", weighted.source());
        assertEquals(Optional.empty(), h.p95(b.parts().get(TimeBudget.Part.ROLLBACK), 4, t -> t),
                "no earlier run rolled back: the settings' estimate stays");
    }

    @Test
    void aChangeQueuedForTheWindowCountsOnlyWhatTheUpgradeSpentInTheWindow() {
        Environment prod = settings.environment("prod");   // sun:04:00-sun:06:00, apply-immediately = false
        TimeBudget b = budget(prod);
        List<Runbook.Entry> upgrade = b.parts().get(TimeBudget.Part.UPGRADE);
        // applied at 03:50 (queued), the wait from 03:50 until the upgrade ended at 04:14
        Instant t = Instant.parse("2026-11-29T03:50:00Z");
        List<JournalEvent> events = new ArrayList<>();
        events.add(JournalEvent.at(t.toString(), "q").step(upgrade.get(0).key()).summary("s").is(JournalEvent.Kind.STARTED));
        events.add(JournalEvent.at(t.plusSeconds(20).toString(), "q").step(upgrade.get(0).key()).summary("ok")
                .is(JournalEvent.Kind.SUCCEEDED));
        events.add(JournalEvent.at(t.plusSeconds(20).toString(), "q").step(upgrade.get(1).key()).summary("s")
                .is(JournalEvent.Kind.STARTED));
        events.add(JournalEvent.at(t.plusSeconds(24 * 60).toString(), "q").step(upgrade.get(1).key()).summary("ok")
                .is(JournalEvent.Kind.SUCCEEDED));
        BudgetHistory h = new BudgetHistory(List.of(new BudgetHistory.Earlier("q", false,
                JournalReplay.of(new Journal.Contents(events, List.of())))));
        TimeBudget.Need need = b.estimate(Estimates.DEFAULTS, h).needs().get(0);
        assertEquals(TimeBudget.Part.UPGRADE, need.part());
        assertEquals(Duration.ofMinutes(14), need.duration(), "the 10 minutes before the window opened do not count");
    }

    /** An earlier run in which each of {@code steps} succeeded, together taking {@code took}. */
    private static BudgetHistory.Earlier earlier(String id, boolean live, List<Runbook.Entry> steps, Duration took) {
        Instant t = Instant.parse("2026-11-01T04:00:00Z");
        List<JournalEvent> events = new ArrayList<>();
        Duration each = took.dividedBy(steps.size());
        for (Runbook.Entry e : steps) {
            events.add(JournalEvent.at(t.toString(), id).step(e.key()).summary("s").is(JournalEvent.Kind.STARTED));
            t = t.plus(each);
            events.add(JournalEvent.at(t.toString(), id).step(e.key()).summary("ok").is(JournalEvent.Kind.SUCCEEDED));
        }
        return new BudgetHistory.Earlier(id, live, JournalReplay.of(new Journal.Contents(events, List.of())));
    }

    @Test
    void theRefusalSentenceCarriesTheNumbersAndEveryPart() {
        TimeBudget b = budget(settings.environment("prod"));
        TimeBudget.Verdict v = b.verdict(b.estimate(Estimates.DEFAULTS, BudgetHistory.none()),
                Instant.parse("2026-12-06T05:40:00Z"));
        assertTrue(v.line().startsWith("The maintenance window cannot hold the rest of the change: needs 60 min"
                + " (estimates), 19 min left (upgrade 20 min (estimates.upgrade) + verification 5 min"
                + " (estimates.verification) + monitoring 15 min (estimates.monitoring) + rollback 20 min"
                + " (estimates.rollback); the change starts 2026-12-06T05:41:00Z, the window sun:04:00-sun:06:00 closes"
                + " at 2026-12-06T06:00:00Z)"), v.line());
    }
}
