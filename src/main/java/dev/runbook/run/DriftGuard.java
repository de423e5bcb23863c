package dev.runbook.run;

import dev.runbook.action.Mode;
import dev.runbook.action.Preview;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.Section;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan you reviewed is the plan you run. A dry run records what it read and the exact request of each
 * mutating step ({@link DryRunRecord}); a later run of the same environment and group is held to the dry run it
 * was given: before each mutating step of the normal sections it compares the state facts and the requests it is
 * about to send. In a dry run a difference is a listed problem; in a live run it blocks the step until the
 * operator types the word (journaled with the difference) or stops. Rollback steps are never held back.
 */
final class DriftGuard {
    /** Journal events: which dry run the run is held to; a difference found; a difference the operator accepted. */

    private final Run run;
    private final Optional<DryRunRecord> baseline;
    private final String none;
    private final Map<String, List<String>> requests = new LinkedHashMap<>();
    /** Difference lines already listed (dry run) or accepted (live): not asked again at every later step. */
    private final Set<String> settled = new HashSet<>();

    DriftGuard(Run run, Optional<DryRunRecord> baseline, String none) {
        this.run = run;
        this.baseline = baseline;
        this.none = none;
    }

    private boolean dryRun() {
        return run.backend().mode() == Mode.DRY_RUN;
    }

    private boolean held() {
        return baseline.isPresent() && run.backend().mode() != Mode.REHEARSAL;
    }

    /** Journals which dry run the run is held to (or that there is none), once, at the start. */
    void started() {
        if (run.backend().mode() == Mode.REHEARSAL) {
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        String summary;
        if (baseline.isPresent()) {
            DryRunRecord r = baseline.get();
            facts.put("dry-run", r.run());
            facts.put("recorded-at", r.recordedAt());
            facts.put("age", r.age(run.backend().time().now()));
            summary = "held to dry run " + r.run() + " (recorded " + facts.get("age") + " ago)";
        } else {
            summary = none.isEmpty() ? "no dry run to hold this run to" : none;
        }
        run.journal().append(JournalEvent.at(now(), run.info().id()).summary(summary).facts(facts)
                .is(JournalEvent.Kind.DRY_RUN_BASELINE));
        run.log("drift guard: " + summary);
    }

    /**
     * Before a mutating step: true to go on. A live step that differs from the dry run goes on only when the
     * operator types the word; a dry run lists the difference and goes on.
     */
    boolean mayGoOn(Runbook.Entry entry, Preview preview, Confirmer confirmer) throws InterruptedException {
        if (!held() || entry.section().kind() != Section.Kind.NORMAL) {
            return true;
        }
        DryRunRecord r = baseline.get();
        List<DriftCheck.Difference> found = new ArrayList<>(DriftCheck.state(r.state(),
                StateFacts.current(run.history())));
        found.addAll(DriftCheck.requests(r.requests().get(entry.key()), r.runDir(), preview.requests(),
                run.dir().toString(), entry.step().action()));
        found.removeIf(d -> settled.contains(d.line()));
        if (found.isEmpty()) {
            return true;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("dry-run", r.run());
        found.forEach(d -> facts.put(d.field(), d.change()));
        String age = r.age(run.backend().time().now());
        String summary = found.size() + " difference(s) since dry run " + r.run() + " (" + age + " old)";
        run.journal().append(JournalEvent.at(now(), run.info().id()).step(entry.key()).mutates(true).summary(summary)
                .facts(facts).operator(run.info().operator()).is(JournalEvent.Kind.DRIFT));
        run.log(entry.key() + ": drift: " + summary);
        found.forEach(d -> run.log("  " + d.line()));
        List<String> lines = found.stream().map(DriftCheck.Difference::line).toList();
        if (dryRun()) {
            settled.addAll(lines);
            return true;
        }
        Confirmation c = confirmer.acceptDrift(new DriftRequest(entry, r.run(), age, lines, DriftRequest.WORD,
                run.environment().replicationGroupId(), run.backend().mode(), run.environment().name()));
        if (!c.given()) {
            run.log(entry.key() + ": not sent: it differs from dry run " + r.run()
                    + "; rehearse again (run --dry-run), or type " + DriftRequest.WORD + " to go on");
            return false;
        }
        settled.addAll(lines);
        run.journal().append(JournalEvent.at(now(), run.info().id()).step(entry.key()).mutates(true)
                .summary("went on despite " + summary + " (typed '" + DriftRequest.WORD + "')").facts(facts)
                .operator(c.by() + " (" + c.how() + ")").is(JournalEvent.Kind.DRIFT_ACCEPTED));
        return true;
    }

    /** After a step of a dry run: records what it read and what it would send, for later runs. */
    void stepEnded(StepState done, Preview preview) {
        if (!dryRun()) {
            return;
        }
        if (done.status() == StepStatus.WOULD_RUN) {
            // previews are redacted already; the configured auth token is masked on top, as in the journal
            requests.put(done.key(), preview.requests().stream().map(run::mask).toList());
        }
        new DryRunRecord(run.info().id(), run.environment().name(), run.environment().replicationGroupId(), now(),
                run.dir().toString(), StateFacts.current(run.history()), requests).write(run.dir());
    }

    private String now() {
        return run.backend().time().now().toString();
    }
}
