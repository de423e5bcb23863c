package dev.runbook.aws.sim;

import java.util.Optional;

/**
 * What the simulated control plane tells the real engines behind a rehearsal with {@code --real-engines}, at the
 * moments its timeline says: a snapshot is taken of the primary, a node shuts down for a change, a node comes
 * back (as which engine, replicating from which primary), a failover promotes a replica, a group is restored
 * from a snapshot. Called under the simulation's lock, in timeline order; without real engines nothing listens
 * ({@link #NONE}). Ids are the simulated group's and members' ids.
 */
public interface NodeEngines {
    /** Nobody listens: the simulated endpoint stands in for the engines. */
    NodeEngines NONE = new NodeEngines() {
    };

    /** CreateSnapshot: the primary's data is saved as snapshot {@code snapshot}. */
    default void snapshot(String group, String primary, String snapshot) {
    }

    /** The node stops answering (shutdown for an engine change). */
    default void down(String group, String member) {
    }

    /** The node answers again running {@code engine}; a replica of {@code replicaOf} when present. */
    default void up(String group, String member, String engine, Optional<String> replicaOf) {
    }

    /** {@code to}, a replica, becomes the primary; the endpoint follows it. */
    default void failover(String group, String from, String to) {
    }

    /** A new group {@code group} whose first node {@code member} runs {@code engine} on {@code snapshot}'s data. */
    default void restored(String group, String member, String engine, String snapshot) {
    }
}
