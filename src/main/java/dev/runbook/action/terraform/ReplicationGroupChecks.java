package dev.runbook.action.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.action.terraform.PlanAnalysis.Finding;
import dev.runbook.action.terraform.PlanAnalysis.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of one plan's {@code aws_elasticache_replication_group} changes, collecting findings: a delete
 * (data loss), the engine change against the expectations, apply_immediately, in-transit encryption, and
 * topology changes riding along with the engine. Used by {@link PlanAnalysis} only.
 */
final class ReplicationGroupChecks {
    /** Attributes that change the group's shape; DOMAIN: replica and failover first, engine next. */
    private static final List<String> TOPOLOGY = List.of("num_cache_clusters", "replicas_per_node_group",
            "num_node_groups", "automatic_failover_enabled", "multi_az_enabled", "node_type");

    private final PlanExpectations expect;
    private final Map<String, String> families;
    private final List<Finding> findings = new ArrayList<>();
    private Optional<WindowOpening> deferredUntil = Optional.empty();
    private boolean migrates;

    ReplicationGroupChecks(PlanExpectations expect, Map<String, String> families) {
        this.expect = expect;
        this.families = families;
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    Optional<WindowOpening> deferredUntil() {
        return deferredUntil;
    }

    void add(Severity severity, String text) {
        findings.add(new Finding(severity, text));
    }

    void check(JsonNode rc) {
        if (!rc.path("type").asText().equals(PlanAnalysis.REPLICATION_GROUP)) {
            return;
        }
        String address = rc.path("address").asText();
        JsonNode change = rc.path("change");
        JsonNode before = change.path("before");
        JsonNode after = change.path("after");
        List<String> actions = new ArrayList<>();
        change.path("actions").forEach(a -> actions.add(a.asText()));
        String id = Optional.ofNullable(text(after, "replication_group_id")).orElse(text(before, "replication_group_id"));
        String name = address + (id == null ? "" : " (" + id + ")");
        if (actions.contains("delete")) {
            if (actions.contains("create")) {
                add(Severity.BLOCK, name + " would be REPLACED, forced by " + replacePaths(change)
                        + ": Terraform deletes the group and its data, then creates an empty one. Do not apply.");
            } else {
                add(Severity.BLOCK, name + " would be DESTROYED with its data. Do not apply.");
            }
            return;
        }
        if (actions.contains("forget")) {
            add(Severity.WARN, name + " is removed from the Terraform state (not destroyed): Terraform stops managing it");
            return;
        }
        if (!actions.contains("update")) {
            return;
        }
        boolean ours = expect.concerns(id);
        boolean engineChanges = changed(before, after, "engine") || changed(before, after, "engine_version");
        if (expect.migration() && ours) {
            if (engineChanges) {
                checkEngine(name, before, after);
            } else {
                add(Severity.WARN, name + " is updated but its engine stays " + text(before, "engine") + " "
                        + text(before, "engine_version") + ": applying this plan does not migrate it");
            }
        }
        checkApplyImmediately(name, after);
        checkTransitEncryption(name, before, after);
        checkTopology(name, before, after, engineChanges);
    }

    /** After every resource: a migration plan that touches no replication group migrates nothing. */
    void finish() {
        if (expect.migration() && !migrates && findings.stream().noneMatch(f -> f.severity() == Severity.BLOCK)) {
            add(Severity.WARN, "the plan changes the engine of no replication group"
                    + (expect.groupId() == null ? "" : " named " + expect.groupId()) + ": applying it migrates nothing");
        }
    }

    private void checkEngine(String name, JsonNode before, JsonNode after) {
        String fromEngine = text(before, "engine");
        String toEngine = text(after, "engine");
        String toVersion = text(after, "engine_version");
        String change = fromEngine + " " + text(before, "engine_version") + " → " + toEngine + " " + toVersion;
        boolean ok = true;
        if (!"redis".equals(fromEngine) || !Objects.equals(expect.engine(), toEngine)) {
            ok = block(name + " changes the engine " + change + ": expected redis → " + expect.engine());
        }
        if (!Objects.equals(expect.version(), toVersion)) {
            ok = block(name + " sets engine_version " + toVersion + ": expected " + expect.version()
                    + " (set engine_version explicitly; the provider needs it for a cross-engine change)");
        }
        String group = text(after, "parameter_group_name");
        String family = group == null ? null : families.get(group);
        String wrongGroup = name + " uses parameter group " + group + (family == null ? "" : " (family " + family + ")")
                + ": expected one of family " + expect.family() + ", e.g. default." + expect.family()
                + " (ModifyReplicationGroup fails with InvalidParameterCombination)";
        if (group == null) {
            add(Severity.WARN, name + " has no known parameter_group_name after the change: make sure it is a "
                    + expect.family() + " group (ModifyReplicationGroup fails with InvalidParameterCombination otherwise)");
        } else if (family != null && !family.isEmpty()) {
            ok = family.equals(expect.family()) ? ok : block(wrongGroup);
        } else if (group.matches(".*(redis|memcached).*") && !group.contains(expect.family())) {
            ok = block(wrongGroup);
        } else if (!group.contains(expect.family())) {
            add(Severity.WARN, name + " uses parameter group " + group + ": its family is not in the plan; the"
                    + " target-parameter-group step checks it is " + expect.family());
        }
        if (ok) {
            migrates = true;
            add(Severity.INFO, name + " is updated in place: " + change + ", parameter group " + group);
        }
    }

    /** Adds a BLOCK finding; returns false so a check can write {@code ok = block(...)}. */
    private boolean block(String text) {
        add(Severity.BLOCK, text);
        return false;
    }

    private void checkApplyImmediately(String name, JsonNode after) {
        if (after.path("apply_immediately").asBoolean(false)) {
            return;
        }
        String window = expect.window() != null ? expect.window() : text(after, "maintenance_window");
        Optional<WindowOpening> opening = WindowOpening.of(window, expect.now());
        deferredUntil = opening;
        add(Severity.WARN, name + ": apply_immediately is false, so the change waits for the maintenance window "
                + (window == null ? "(unknown)" : window + " UTC")
                + opening.map(o -> " (" + o.describe(expect.now()) + ")").orElse("")
                + "; terraform apply returns before the engine changes");
    }

    private void checkTransitEncryption(String name, JsonNode before, JsonNode after) {
        boolean was = before.path("transit_encryption_enabled").asBoolean(false);
        boolean will = after.path("transit_encryption_enabled").asBoolean(false);
        String mode = text(after, "transit_encryption_mode");
        if (!was && will && !"preferred".equals(mode)) {
            add(Severity.WARN, name + " turns in-transit encryption on in one step (transit_encryption_mode "
                    + (mode == null ? "unset" : mode) + "): clients without TLS are cut off. Set"
                    + " transit_encryption_mode = \"preferred\" first, \"required\" once every client uses TLS");
        }
    }

    private void checkTopology(String name, JsonNode before, JsonNode after, boolean engineChanges) {
        List<String> rides = new ArrayList<>();
        for (String attribute : TOPOLOGY) {
            if (after.has(attribute) && !after.path(attribute).isNull() && changed(before, after, attribute)) {
                rides.add(attribute + " " + text(before, attribute) + " → " + text(after, attribute));
            }
        }
        if (rides.isEmpty()) {
            return;
        }
        if (engineChanges) {
            add(Severity.WARN, name + " also changes " + String.join(", ", rides) + " in the same apply as the"
                    + " engine: add the replica and failover first, the engine next (one change at a time is easier"
                    + " to watch and to place when something fails)");
        } else {
            add(Severity.INFO, name + " changes " + String.join(", ", rides));
        }
    }

    static String replacePaths(JsonNode change) {
        List<String> paths = new ArrayList<>();
        for (JsonNode path : change.path("replace_paths")) {
            List<String> steps = new ArrayList<>();
            path.forEach(step -> steps.add(step.asText()));
            paths.add(String.join(".", steps));
        }
        return paths.isEmpty() ? "a change Terraform cannot make in place" : String.join(", ", paths);
    }

    private static boolean changed(JsonNode before, JsonNode after, String attribute) {
        return !Objects.equals(text(before, attribute), text(after, attribute));
    }

    static String text(JsonNode node, String attribute) {
        JsonNode v = node.path(attribute);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
