package dev.runbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbook.action.ActionException;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import dev.runbook.aws.GroupLease;
import dev.runbook.aws.LeaseValue;
import dev.runbook.aws.TestBackend;
import dev.runbook.aws.sim.CacheSimulation;
import dev.runbook.aws.sim.Fault;
import dev.runbook.aws.sim.SimulatedElastiCache;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import dev.runbook.config.TestSettings;
import dev.runbook.runbook.Runbook;
import dev.runbook.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's side of the lease against the rehearsal's simulated tags, on a clock the test moves: taken before
 * the first change, renewed every renew-every (without a real sleep: the renewal thread parks on the test's
 * clock), lost when another run overwrites it, released at the end, kept by a resumed run, only read by a dry
 * run; a foreign lease refuses changes but not reads.
 */
@Timeout(30)
class LeaseKeeperTest {
    static final String ID = "20261201-093000-dev";
    static final Instant START = Instant.parse("2026-12-01T09:30:00Z");

    /** A clock whose sleep parks the caller until the test lets it go, then moves time on by what it asked. */
    static final class GatedTime implements TimeSource {
        private volatile Instant now = START;
        private final Semaphore parked = new Semaphore(0);
        private final Semaphore wake = new Semaphore(0);

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            parked.release();
            wake.acquire();
            now = now.plus(d);
        }

        /** Waits (bounded) until a thread sleeps on this clock. */
        void awaitParked() throws InterruptedException {
            assertTrue(parked.tryAcquire(10, TimeUnit.SECONDS), "nobody sleeps on the clock");
        }

        /** Lets the sleeper go and waits until it sleeps again (its work between two sleeps is done). */
        void wakeAndAwaitNextSleep() throws InterruptedException {
            wake.release();
            awaitParked();
        }
    }

    @TempDir
    Path dir;
    final Settings settings = TestSettings.load();
    final Environment env = settings.environment("dev");
    final GatedTime time = new GatedTime();
    Journal journal;
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private SimulatedElastiCache aws(Fault... faults) {
        Set<Fault> f = faults.length == 0 ? EnumSet.noneOf(Fault.class) : EnumSet.of(faults[0], faults);
        return new SimulatedElastiCache(CacheSimulation.of(env, time, f, Duration.ofMinutes(60)));
    }

    private Run run(Mode mode, SimulatedElastiCache aws) {
        Runbook runbook = new RunbookLoader(ActionRegistry.standard()).load(Path.of("runbooks", "valkey-migration.conf"), env);
        journal = Journal.open(dir);
        return new Run(new RunInfo(ID, dir, "tester", Map.of()), runbook, env, settings,
                new TestBackend(mode, time, aws), journal, new RunListener() {
                    @Override
                    public void log(String line) {
                        log.add(line);
                    }
                });
    }

    private static Runbook.Entry step(Run run, String key) {
        return run.runbook().entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
    }

    private Optional<LeaseValue> tag(SimulatedElastiCache aws) throws ActionException {
        return new GroupLease(() -> aws, env.replicationGroupId()).current();
    }

    private List<String> leaseEvents() {
        return Journal.read(dir.resolve(Journal.FILE)).events().stream().map(JournalEvent::event)
                .filter(e -> e.startsWith("lease-")).toList();
    }

    @Test
    void takenBeforeTheFirstChangeRenewedEveryTenMinutesAndReleasedAtTheEnd() throws Exception {
        SimulatedElastiCache aws = aws();
        Run run = run(Mode.REHEARSAL, aws);
        LeaseKeeper keeper = LeaseKeeper.of(run, Duration.ZERO);

        keeper.beforeChange(step(run, "migrate/manual-snapshot"));
        assertEquals(Optional.of(LeaseValue.ours(ID, START.plus(Duration.ofMinutes(30)))), tag(aws));

        time.awaitParked(); // the renewal thread waits ten minutes of the run's clock
        time.wakeAndAwaitNextSleep();
        assertEquals(START.plus(Duration.ofMinutes(40)), tag(aws).orElseThrow().expires(), "renewed at +10m for 30m");
        time.wakeAndAwaitNextSleep();
        assertEquals(START.plus(Duration.ofMinutes(50)), tag(aws).orElseThrow().expires());

        keeper.beforeChange(step(run, "migrate/terraform-apply")); // still ours, not due: nothing written
        assertEquals(START.plus(Duration.ofMinutes(50)), tag(aws).orElseThrow().expires());
        assertEquals(List.of("lease-taken"), leaseEvents(), "renewals go to the log, not the journal");
        assertEquals(2, log.stream().filter(l -> l.startsWith("lease: renewed the lease on goorm-popcorn-cache-dev until "))
                .count(), log.toString());

        keeper.runEnding();
        assertEquals(Optional.empty(), tag(aws), "released");
        assertEquals(List.of("lease-taken", "lease-released"), leaseEvents());
        time.wake.release(); // the interrupted renewal thread must not renew after the end
        assertEquals(Optional.empty(), tag(aws));
    }

    @Test
    void aLeaseOverwrittenByAnotherRunIsLostAndTheNextChangeIsRefused() throws Exception {
        SimulatedElastiCache aws = aws();
        Run run = run(Mode.REHEARSAL, aws);
        LeaseKeeper keeper = LeaseKeeper.of(run, Duration.ZERO);
        keeper.beforeChange(step(run, "migrate/manual-snapshot"));
        time.awaitParked();
        LeaseValue other = new LeaseValue("20261201-093500-dev", "bob@bastion-2", START.plus(Duration.ofMinutes(45)));
        new GroupLease(() -> aws, env.replicationGroupId()).remove();
        assertTrue(new GroupLease(() -> aws, env.replicationGroupId()).take(other, START) instanceof GroupLease.Taken);

        time.wakeAndAwaitNextSleep();

        assertEquals(Optional.empty(), keeper.held());
        ChangeRefused refused = assertThrows(ChangeRefused.class, () -> keeper.beforeChange(step(run, "migrate/terraform-apply")));
        assertEquals("Replication group goorm-popcorn-cache-dev is leased to run 20261201-093500-dev (bob@bastion-2),"
                + " since 2026-12-01T09:35:00Z, until 2026-12-01T10:15:00Z: this run changes nothing while that lease"
                + " holds. Wait for that run to end, or, if it is stale, break the lease with: unlock --env dev"
                + " (against real AWS; this rehearsal's lease is simulated)", refused.getMessage());
        assertEquals(List.of("lease-taken", "lease-lost", "lease-refused"), leaseEvents());
        keeper.runEnding();
        assertEquals(Optional.of(other), tag(aws), "another run's lease is never removed at our end");
    }

    @Test
    void aForeignLeaseRefusesChangesButNotReadsAndTheStepStaysPending() throws Exception {
        SimulatedElastiCache aws = aws(Fault.LEASE_HELD);
        Run run = run(Mode.REHEARSAL, aws);
        run.guardChanges(LeaseKeeper.of(run, Duration.ZERO));
        LeaseValue theirs = tag(aws).orElseThrow();

        assertEquals(StepStatus.DONE, run.runStep(step(run, "precheck/describe-group"), r -> new Confirmation(true, "tester", "test")).status());
        Runbook.Entry snapshot = step(run, "migrate/manual-snapshot");
        // past the order rule (every earlier step ended), so what refuses the change is the lease alone
        for (Runbook.Entry earlier : run.runbook().entries()) {
            if (earlier.key().equals(snapshot.key())) {
                break;
            }
            if (run.state(earlier.key()).status() == StepStatus.PENDING) {
                run.skip(earlier, "not what this test is about");
            }
        }
        ChangeRefused e = assertThrows(ChangeRefused.class, () -> run.runStep(snapshot, r -> new Confirmation(true, "tester", "test")));

        assertTrue(e.getMessage().contains("is leased to run " + theirs.runId() + " (oncall-2@bastion-2)"), e.getMessage());
        assertEquals(StepStatus.PENDING, run.state(snapshot.key()).status());
        assertFalse(Journal.read(dir.resolve(Journal.FILE)).events().stream()
                .anyMatch(x -> snapshot.key().equals(x.step())), "the refused step was never started or confirmed");
        assertEquals(Optional.of(theirs), tag(aws), "their lease untouched");
    }

    @Test
    void aResumedRunGoesOnHoldingItsOwnLease() throws Exception {
        SimulatedElastiCache aws = aws();
        LeaseValue before = new LeaseValue(ID, "alice@bastion-1", START.plus(Duration.ofMinutes(20)));
        new GroupLease(() -> aws, env.replicationGroupId()).take(before, START);
        Run resumed = run(Mode.REHEARSAL, aws); // same run id, another process (and host)
        LeaseKeeper keeper = LeaseKeeper.of(resumed, Duration.ZERO);

        keeper.beforeChange(step(resumed, "migrate/terraform-apply"));

        assertEquals(Optional.of(LeaseValue.ours(ID, START.plus(Duration.ofMinutes(30)))), tag(aws));
        assertEquals(List.of("lease-renewed"), leaseEvents());
        keeper.runEnding();
    }

    @Test
    void aDryRunOnlyReadsTheLeaseAndListsAHeldOneAsAProblem() throws Exception {
        SimulatedElastiCache aws = aws(Fault.LEASE_HELD);
        Run run = run(Mode.DRY_RUN, aws);
        run.guardChanges(LeaseKeeper.of(run, Duration.ZERO));
        LeaseValue theirs = tag(aws).orElseThrow();

        StepState s = run.runStep(step(run, "migrate/manual-snapshot"), r -> new Confirmation(true, "tester", "test"));
        run.runStep(step(run, "migrate/terraform-apply"), r -> new Confirmation(true, "tester", "test"));
        run.ended("completed");

        assertEquals(StepStatus.WOULD_RUN, s.status());
        assertEquals(Optional.of(theirs), tag(aws));
        List<String> problems = JournalReplay.of(Journal.read(dir.resolve(Journal.FILE))).leaseProblems();
        assertEquals(1, problems.size(), "read once per run: " + problems);
        assertTrue(problems.get(0).startsWith("a live run would be refused: Replication group goorm-popcorn-cache-dev"
                + " is leased to run " + theirs.runId()), problems.get(0));
    }
}
