package dev.runbook.run;

import dev.runbook.action.ActionException;
import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import dev.runbook.aws.GroupLease;
import dev.runbook.aws.LeaseValue;
import dev.runbook.config.LeaseSettings;
import dev.runbook.run.JournalEvent.Kind;
import dev.runbook.runbook.Runbook;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's side of the lease on its group: takes it before the first change (refusing the change when
 * another run holds it), checks it before every later change, renews it every {@code lease.renew-every}
 * on a thread of its own while the run lives, and releases it as the run ends. A dry run only reads it and
 * reports a lease held by someone else as a problem. Taking, loss, refusal and release are journaled
 * ({@code lease-taken}, {@code lease-lost}, {@code lease-refused}, {@code lease-held}, {@code lease-released}; a
 * resumed run that finds its own lease: {@code lease-renewed}); every renewal is in the run's log. A resumed run
 * has the same id, so it keeps its lease.
 */
public final class LeaseKeeper implements ChangeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    private final Run run;
    private final GroupLease lease;
    private final LeaseSettings settings;
    private final TimeSource time;
    private LeaseValue held;
    private Instant renewedAt;
    private boolean inspected;
    private boolean ended;
    private Thread renewer;

    /**
     * At a rehearsal's very high speeds (thousands) ten simulated minutes pass in a few real milliseconds; renewing
     * that often would take the CPU and the simulation's lock from the steps. So renewals are at least this much
     * real time apart: a simulated lease may then lapse between two, and is simply taken again (it is this
     * run's) before the next change. At speeds up to 2,400 nothing changes.
     */
    static final Duration REAL_RENEWAL_FLOOR = Duration.ofMillis(250);

    private final Duration realFloor;

    LeaseKeeper(Run run, GroupLease lease, LeaseSettings settings, Duration realFloor) {
        this.run = run;
        this.lease = lease;
        this.settings = settings;
        this.time = run.backend().time();
        this.realFloor = realFloor;
    }

    /** The lease of {@code run}'s group through its backend's ElastiCache client. */
    public static LeaseKeeper of(Run run) {
        return of(run, REAL_RENEWAL_FLOOR);
    }

    static LeaseKeeper of(Run run, Duration realFloor) {
        return new LeaseKeeper(run, new GroupLease(run.backend()::elastiCache, run.environment().replicationGroupId()),
                run.settings().lease(), realFloor);
    }

    /** The lease this run holds now, if any. */
    public synchronized Optional<LeaseValue> held() {
        return Optional.ofNullable(held);
    }

    @Override
    public synchronized void beforeChange(Runbook.Entry entry) {
        Instant now = time.now();
        if (held != null && !held.expiredAt(now) && now.isBefore(renewedAt.plus(settings.renewEvery()))) {
            Optional<LeaseValue> seen;
            try {
                seen = lease.current();
            } catch (ActionException e) {
                LOG.warn("reading the lease before {} failed; ours holds until {}: {}", entry.key(), held.expires(),
                        e.getMessage());
                return;
            }
            if (seen.isPresent() && seen.get().format().equals(held.format())) {
                return;
            }
            lost(seen.orElse(null));
        }
        take(now, entry);
    }

    private void take(Instant now, Runbook.Entry entry) {
        boolean renewal = held != null;
        GroupLease.Attempt attempt;
        try {
            attempt = lease.take(LeaseValue.ours(run.info().id(), now.plus(settings.duration())), now);
        } catch (ActionException e) {
            if (held != null && !held.expiredAt(now)) {
                run.note("lease: renewing failed before " + entry.key() + " (" + e.getMessage() + "); ours holds until "
                        + held.expires());
                return;
            }
            journal(Kind.LEASE_REFUSED, "the lease on " + lease.group() + " could not be taken, so nothing is changed: "
                    + e.getMessage());
            throw new ChangeRefused(e.getMessage());
        }
        if (attempt instanceof GroupLease.Taken t) {
            taken(t, renewal);
        } else if (attempt instanceof GroupLease.Refused r) {
            String why = refusal(r.holder());
            journal(Kind.LEASE_REFUSED, why);
            throw new ChangeRefused(why);
        } else if (attempt instanceof GroupLease.Lost l) {
            String why = "Another run wrote the lease on " + lease.group() + " at the same moment ("
                    + (l.winner() == null ? "then removed it" : l.winner().describe())
                    + "): this run backs off and changes nothing; check who is working on the group.";
            journal(Kind.LEASE_LOST, why);
            throw new ChangeRefused(why);
        }
    }

    private void taken(GroupLease.Taken t, boolean renewal) {
        held = t.lease();
        renewedAt = time.now();
        String tag = LeaseValue.TAG + " = " + held.format();
        if (t.replaced() != null) {
            journal(Kind.LEASE_TAKEN, "took over the expired lease of " + t.replaced().describe() + " on "
                    + lease.group() + ": held until " + held.expires() + " (" + tag + ")");
        } else if (!renewal && t.previous() != null) {
            journal(Kind.LEASE_RENEWED, "this run already held the lease on " + lease.group() + " (taken before it was"
                    + " resumed): goes on holding it until " + held.expires() + " (" + tag + ")");
        } else if (renewal) {
            // the log, not the journal: at a rehearsal's high speeds renewals come every few real milliseconds,
            // and each journal line is forced to disk
            run.note("lease: renewed the lease on " + lease.group() + " until " + held.expires() + " (" + tag + ")");
        } else {
            journal(Kind.LEASE_TAKEN, "took the lease on " + lease.group() + " until " + held.expires() + " (" + tag + ")");
        }
        if (renewer == null) {
            renewer = new Thread(this::renewWhileAlive, "lease-renewal-" + run.info().id());
            renewer.setDaemon(true);
            renewer.start();
        }
    }

    /** The renewal loop: every renew-every of the run's clock (virtual in a rehearsal) until the run ends. */
    private void renewWhileAlive() {
        try {
            while (true) {
                long startedNanos = System.nanoTime();
                time.sleep(settings.renewEvery());
                long leftMillis = realFloor.toMillis() - (System.nanoTime() - startedNanos) / 1_000_000;
                if (leftMillis > 0) {
                    Thread.sleep(leftMillis); // pacing at high rehearsal speeds, see REAL_RENEWAL_FLOOR
                }
                if (!renewNow()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One renewal; false once the run has ended (the loop stops). */
    synchronized boolean renewNow() {
        if (ended) {
            return false;
        }
        if (held == null) {
            return true;
        }
        Instant now = time.now();
        try {
            GroupLease.Attempt a = lease.take(LeaseValue.ours(run.info().id(), now.plus(settings.duration())), now);
            if (a instanceof GroupLease.Taken t) {
                taken(t, true);
            } else if (a instanceof GroupLease.Refused r) {
                lost(r.holder());
            } else if (a instanceof GroupLease.Lost l) {
                lost(l.winner());
            }
        } catch (ActionException e) {
            run.note("lease: renewal failed (" + e.getMessage() + "); ours holds until " + held.expires()
                    + ", next try in " + settings.renewEvery().toMinutes() + " min");
        }
        return true;
    }

    private void lost(LeaseValue other) {
        journal(Kind.LEASE_LOST, "the lease on " + lease.group() + " is no longer this run's ("
                + (other == null ? "the tag was removed" : "now " + other.describe())
                + "): the next change will take it again or be refused");
        held = null;
    }

    @Override
    public synchronized void beforeWouldRun(Runbook.Entry entry) {
        if (inspected) {
            return;
        }
        inspected = true;
        Instant now = time.now();
        try {
            Optional<LeaseValue> seen = lease.current();
            if (seen.isEmpty()) {
                run.note("lease: nobody holds the lease on " + lease.group() + "; a live run would take it");
            } else if (seen.get().expiredAt(now)) {
                run.note("lease: the expired lease of " + seen.get().describe() + " is on " + lease.group()
                        + "; a live run would take it over");
            } else {
                journal(Kind.LEASE_HELD, "a live run would be refused: " + refusal(seen.get()));
            }
        } catch (ActionException e) {
            journal(Kind.LEASE_HELD, "the lease on " + lease.group() + " could not be read: " + e.getMessage());
        }
    }

    @Override
    public synchronized void runEnding() {
        ended = true;
        if (renewer != null) {
            renewer.interrupt();
        }
        if (held == null) {
            return;
        }
        try {
            if (lease.release(run.info().id())) {
                journal(Kind.LEASE_RELEASED, "released the lease on " + lease.group());
            } else {
                journal(Kind.LEASE_LOST, "the lease on " + lease.group() + " was no longer this run's at the end;"
                        + " left as it is");
            }
        } catch (ActionException e) {
            journal(Kind.LEASE_LOST, "the lease on " + lease.group() + " could not be released (" + e.getMessage()
                    + "); it expires at " + held.expires());
        }
        held = null;
    }

    /** The operator's sentence for someone else's lease. */
    private String refusal(LeaseValue holder) {
        return "Replication group " + lease.group() + " is leased to " + holder.describe()
                + ": this run changes nothing while that lease holds. Wait for that run to end, or, if it is stale,"
                + " break the lease with: unlock --env " + run.environment().name()
                + (run.backend().mode() == Mode.REHEARSAL
                ? " (against real AWS; this rehearsal's lease is simulated)" : "");
    }

    private void journal(Kind event, String summary) {
        run.journal().append(JournalEvent.at(time.now().toString(), run.info().id()).summary(summary).is(event));
        run.note("lease: " + summary);
    }
}
