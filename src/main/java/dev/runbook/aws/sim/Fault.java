package dev.runbook.aws.sim;

import dev.runbook.config.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A drill: a way the rehearsal's simulation fails on purpose ({@code --inject FAULT}), so operators practise
 * the failure and rollback paths. Each constant documents what the simulated AWS does.
 */
public enum Fault {
    /** The manual snapshot ends in status {@code failed} (after ~1 min) with an event; the group is available again. */
    SNAPSHOT_FAILS("snapshot-fails"),
    /** The engine upgrade fails after ~8 min: the group is available again on Redis 7.0, with an event saying so. */
    UPGRADE_FAILS("upgrade-fails"),
    /**
     * For 60 virtual seconds from the first mutating call, every call is refused with {@code Throttling}. The
     * simulated client retries each throttled call as the SDK's standard retry mode would (3 attempts, backoff
     * on the virtual clock), so a caller sees either success after a delay or a ThrottlingException.
     */
    THROTTLING("throttling"),
    /** The upgrade takes 15 min longer than {@code waits.upgrade-timeout}: the wait must give up and say so. */
    SLOW_UPGRADE("slow-upgrade"),
    /**
     * AWS refuses to withdraw an engine change queued for the maintenance window ({@code InvalidParameterCombination}
     * on a Modify back to the running engine and version): the other answer to what AWS allows, so the rollback's
     * "still queued" path can be rehearsed. Without it the simulation withdraws the queued change.
     */
    WITHDRAW_REFUSED("withdraw-refused"),

    /**
     * Another run holds an unexpired lease on the group (its tag valkey-runbook:lock, taken 12 min before the
     * rehearsal starts, good for 25 min more): the first change is refused, naming that run.
     */
    LEASE_HELD("lease-held"),

    /**
     * The engine change succeeds, then the new primary's engine thread runs hot: EngineCPUUtilization ~96% (over the
     * default threshold of 90) for 15 minutes from the moment the group is available again, CPUUtilization ~55%.
     * The monitor step must see a breach of {@code thresholds.breach-minutes} and, with {@code on-breach = fail},
     * end the run in its failure path (the rollback).
     */
    CPU_SPIKE("cpu-spike"),

    /**
     * The engine change succeeds, then the endpoint answers every PING {@link #SLOW_AFTER_MILLIS} ms late (a slow
     * new engine or network path), for the rest of the rehearsal: the downtime probe's p99 after the change is over
     * the default {@code thresholds.probe-p99-ms} (50), a breach judged by {@code on-breach} at the probe's stop.
     */
    SLOW_AFTER("slow-after");

    /** How late the endpoint answers a PING after the change with {@link #SLOW_AFTER} (real milliseconds). */
    public static final int SLOW_AFTER_MILLIS = 80;

    private final String word;

    Fault(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The fault named {@code word}, or the operator's one-line error listing the known ones. */
    public static Fault parse(String word) {
        for (Fault f : values()) {
            if (f.word.equals(word.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new InvalidInputException("unknown fault '" + word + "' for --inject (known: " + known() + ")");
    }

    public static String known() {
        return Arrays.stream(values()).map(Fault::word).collect(Collectors.joining(", "));
    }
}
