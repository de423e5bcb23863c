package dev.runbook.run;

import dev.runbook.action.elasticache.CreateSnapshot;
import java.util.Optional;

/**
 * What a rehearsal's simulation must hold again when a rehearsal is resumed (its state died with the
 * process): derived from the journal alone. Decision: a mutation that started is taken as sent — the
 * simulation applies it as if AWS had received the call — because that is the state a real crash most often
 * leaves, and it makes resume prove it does not send it twice. The setup code seeds the simulation with this
 * before {@link Resume} reconciles against it.
 */
public record ReconcileSeed(boolean engineChanged, Optional<String> snapshotName, boolean replicasAdded,
                            boolean failoverEnabled, boolean transitEncryption, boolean restored) {

    public static ReconcileSeed from(JournalReplay replay, String group) {
        return new ReconcileSeed(
                sent(replay, "upgrade-engine") || sent(replay, "terraform-apply") || sent(replay, "await-upgrade"),
                snapshot(replay, group),
                sent(replay, "add-replicas"), sent(replay, "enable-failover"), sent(replay, "transit-encryption"),
                sent(replay, "restore-snapshot"));
    }

    private static boolean sent(JournalReplay replay, String stepId) {
        return replay.stepById(stepId).map(s -> s.started() != null
                && (s.status() == StepStatus.DONE || s.status() == StepStatus.RUNNING)).orElse(false);
    }

    /** The journal's snapshot name, or for a snapshot caught mid-flight the name resume will look for. */
    private static Optional<String> snapshot(JournalReplay replay, String group) {
        Optional<String> named = replay.fact("snapshot-name");
        if (named.isPresent() || !sent(replay, "manual-snapshot")) {
            return named;
        }
        // named by the create-snapshot step's own rule, for the moment it ran
        String started = replay.stepById("manual-snapshot").orElseThrow().started();
        return Optional.of(CreateSnapshot.nameAt(group, java.time.Instant.parse(started)));
    }
}
