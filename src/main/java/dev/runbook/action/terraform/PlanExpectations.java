package dev.runbook.action.terraform;

import dev.runbook.config.Environment;
import java.time.Instant;

/**
 * What a plan is checked against: for a migration, the target engine, version and parameter-group family
 * (valkey, 8.0, valkey8) and the group it is for; for the guide's rollback, only data loss. The maintenance
 * window says when a change with {@code apply_immediately = false} would happen; null = the plan's own
 * {@code maintenance_window} value.
 *
 * @param migration   true = check the engine change; false = only look for replacements (rollback plans)
 * @param groupId     the replication group the runbook migrates; null = every group in the plan
 * @param window      ddd:hh:mm-ddd:hh:mm UTC, or null
 * @param now         the instant "next opens" is counted from
 */
public record PlanExpectations(boolean migration, String groupId, String engine, String version, String family,
                               String window, Instant now) {

    /** The migration of {@code groupId} to the environment's target. */
    public static PlanExpectations migration(Environment env, String groupId, Instant now) {
        return new PlanExpectations(true, groupId, env.target().engine(), env.target().version(),
                family(env.target().engine(), env.target().version()), env.maintenanceWindow(), now);
    }

    /** analyze-plan's default: any group, to valkey 8.0 with a valkey8 parameter group. */
    public static PlanExpectations valkey8(Instant now) {
        return new PlanExpectations(true, null, "valkey", "8.0", "valkey8", null, now);
    }

    /** A rollback plan: nothing is expected of the engine; only replacements matter. */
    public static PlanExpectations rollback(Environment env, String groupId, Instant now) {
        return new PlanExpectations(false, groupId, null, null, null, env.maintenanceWindow(), now);
    }

    /** The parameter-group family of an engine version: valkey 8.0 → valkey8, redis 7.0 → redis7. */
    static String family(String engine, String version) {
        int dot = version.indexOf('.');
        return engine + (dot < 0 ? version : version.substring(0, dot));
    }

    boolean concerns(String id) {
        return groupId == null || id == null || groupId.equals(id);
    }
}
