package dev.runbook.runbook;

import dev.runbook.config.ConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a rehearsal of a runbook starts: the group as an earlier runbook left it (the migration), declared in the
 * runbook file's {@code rehearsal-start { ... }} block, so a runbook that only makes sense after the migration
 * (TLS required, clean-up) rehearses from that state instead of the environment's Redis 7.0 group. Only a
 * rehearsal reads it; live and dry runs meet the real group, and their pre-checks say when it is not there.
 *
 * @param engine             the engine the group runs (e.g. valkey)
 * @param version            its major.minor version (e.g. 8.0)
 * @param parameterGroup     its parameter group (e.g. default.valkey8)
 * @param numCacheClusters   its node count
 * @param automaticFailover  automatic failover on
 * @param multiAz            Multi-AZ on
 * @param transitEncryption  {@code off}, {@code preferred} or {@code required}
 * @param rollbackGroup      a {@code <group>-rollback} group a rollback left (Redis 7.0, one node)
 * @param snapshotAges       pre-migration manual snapshots {@code <group>-pre-valkey-*}, this old at the start
 */
public record RehearsalStart(String engine, String version, String parameterGroup, int numCacheClusters,
                             boolean automaticFailover, boolean multiAz, String transitEncryption,
                             boolean rollbackGroup, List<Duration> snapshotAges) {
    public static final List<String> TRANSIT = List.of("off", "preferred", "required");

    public RehearsalStart {
        snapshotAges = List.copyOf(snapshotAges);
    }

    /** The block when the runbook has one; each key is required so the declared state is never half-said. */
    static Optional<RehearsalStart> read(ConfigReader rb) {
        if (!rb.has("rehearsal-start")) {
            return Optional.empty();
        }
        ConfigReader r = rb.object("rehearsal-start");
        List<Duration> ages = new ArrayList<>();
        for (String age : r.strings("pre-migration-snapshot-ages")) {
            try {
                Duration d = com.typesafe.config.ConfigFactory.parseString("d = " + age).getDuration("d");
                if (d.isNegative() || d.isZero()) {
                    throw r.fail("pre-migration-snapshot-ages", "'" + age + "' must be longer than zero");
                }
                ages.add(d);
            } catch (com.typesafe.config.ConfigException e) {
                throw r.fail("pre-migration-snapshot-ages", "'" + age + "' is not a duration (e.g. 30d)");
            }
        }
        RehearsalStart s = new RehearsalStart(r.string("engine"), r.string("version"), r.string("parameter-group"),
                r.integer("num-cache-clusters", 1, 6), r.bool("automatic-failover"), r.bool("multi-az"),
                r.oneOf("transit-encryption", TRANSIT), r.bool("rollback-group"), ages);
        r.rejectUnknown();
        return Optional.of(s);
    }

    /** One line for the rehearsal's log and report: what the simulation was seeded with. */
    public String describe() {
        return engine + " " + version + ", " + numCacheClusters + " node(s), TLS " + transitEncryption
                + (rollbackGroup ? ", a rollback group" : "") + (snapshotAges.isEmpty() ? ""
                : ", " + snapshotAges.size() + " pre-migration snapshot(s) " + snapshotAges.stream()
                        .map(d -> d.toDays() + "d").toList() + " old");
    }
}
