package dev.runbook.action.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code terraform show -json PLANFILE} (format_version 1.x) and says whether the plan may be applied:
 * BLOCKED when it would delete or replace an {@code aws_elasticache_replication_group} (data loss) or does not
 * migrate to the expected engine, version and parameter-group family; warnings for what an operator must know
 * (the change waits for the maintenance window, TLS switched on in one step, topology changes riding along).
 * Pure: no process, no network, no clock of its own.
 */
public final class PlanAnalysis {
    static final String REPLICATION_GROUP = "aws_elasticache_replication_group";
    static final String PARAMETER_GROUP = "aws_elasticache_parameter_group";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three answers: apply it, do not apply it, or this is not a plan we can read. */
    public enum Verdict {
        SAFE, BLOCKED, UNREADABLE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much a finding matters: BLOCK makes the verdict BLOCKED. */
    public enum Severity { INFO, WARN, BLOCK }

    /** One thing the operator should read, in their words. */
    public record Finding(Severity severity, String text) {
        @Override
        public String toString() {
            return severity + ": " + text;
        }
    }

    /** One resource change of the plan: its address and Terraform's action list (e.g. [delete, create]). */
    public record Change(String address, String type, List<String> actions) {
        /** update, create, delete, replace, read, forget, no-op. */
        public String word() {
            if (actions.contains("delete") && actions.contains("create")) {
                return "replace";
            }
            return actions.isEmpty() ? "no-op" : actions.get(0);
        }
    }

    /**
     * The analysis.
     *
     * @param changes  every resource change except no-ops, in plan order
     * @param unchanged how many resources the plan leaves as they are
     * @param deferredUntil when the change would happen, if it waits for the maintenance window
     */
    public record Result(Verdict verdict, List<Change> changes, int unchanged, List<Finding> findings,
                         Optional<WindowOpening> deferredUntil) {
        public Result {
            changes = List.copyOf(changes);
            findings = List.copyOf(findings);
        }

        public List<Finding> blocks() {
            return findings.stream().filter(f -> f.severity() == Severity.BLOCK).toList();
        }

        public List<Finding> warnings() {
            return findings.stream().filter(f -> f.severity() == Severity.WARN).toList();
        }

        /** "1 to update, 0 to replace, 0 to delete, 2 unchanged". */
        public String counts() {
            long replace = changes.stream().filter(c -> c.word().equals("replace")).count();
            long delete = changes.stream().filter(c -> c.word().equals("delete")).count();
            long create = changes.stream().filter(c -> c.word().equals("create")).count();
            long update = changes.stream().filter(c -> c.word().equals("update")).count();
            return String.format("%d to create, %d to update, %d to replace, %d to delete, %d unchanged",
                    create, update, replace, delete, unchanged);
        }

        /** Changes then findings, one per line, as analyze-plan prints them. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (Change c : changes) {
                lines.add(String.format("  %-8s %s", c.word(), c.address()));
            }
            findings.forEach(f -> lines.add(f.toString()));
            return lines;
        }
    }

    private PlanAnalysis() {
    }

    /** Analyses the JSON of {@code terraform show -json PLANFILE}; never throws. */
    public static Result analyze(String json, PlanExpectations expect) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return unreadable("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return unreadable("not a plan: expected the JSON object printed by terraform show -json PLANFILE");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isTextual()) {
            return unreadable("no format_version: not the output of terraform show -json PLANFILE");
        }
        if (!version.asText().matches("1\\.\\d+(\\.\\d+)?")) {
            return unreadable("format_version " + version.asText() + " is not supported (expected 1.x)");
        }
        if (!root.has("planned_values") && !root.has("resource_changes") && root.has("values")) {
            return unreadable("this is a state, not a plan: run terraform show -json PLANFILE");
        }
        JsonNode resourceChanges = root.path("resource_changes");
        if (!resourceChanges.isMissingNode() && !resourceChanges.isArray()) {
            return unreadable("resource_changes is not a list");
        }
        List<JsonNode> entries = new ArrayList<>();
        resourceChanges.forEach(entries::add);
        List<Change> changes = new ArrayList<>();
        Map<String, String> families = new HashMap<>();
        int unchanged = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode rc = entries.get(i);
            JsonNode actions = rc.path("change").path("actions");
            if (!actions.isArray() || actions.isEmpty()) {
                return unreadable("resource_changes[" + i + "] has no change.actions");
            }
            List<String> list = new ArrayList<>();
            actions.forEach(a -> list.add(a.asText()));
            String type = rc.path("type").asText("");
            if (type.equals(PARAMETER_GROUP)) {
                JsonNode after = rc.path("change").path("after");
                families.put(after.path("name").asText(""), after.path("family").asText(""));
            }
            if (list.equals(List.of("no-op"))) {
                unchanged++;
            } else {
                changes.add(new Change(rc.path("address").asText("resource_changes[" + i + "]"), type, list));
            }
        }
        ReplicationGroupChecks checks = new ReplicationGroupChecks(expect, families);
        for (JsonNode rc : entries) {
            checks.check(rc);
        }
        for (Change c : changes) {
            if (!c.type().equals(REPLICATION_GROUP) && c.actions().contains("delete")) {
                checks.add(Severity.WARN, c.address() + " will be " + (c.word().equals("replace") ? "replaced" : "deleted")
                        + ": check that nothing the group uses goes with it");
            }
        }
        checks.finish();
        List<Finding> findings = checks.findings();
        Verdict verdict = findings.stream().anyMatch(f -> f.severity() == Severity.BLOCK) ? Verdict.BLOCKED : Verdict.SAFE;
        return new Result(verdict, changes, unchanged, findings, checks.deferredUntil());
    }

    private static Result unreadable(String why) {
        return new Result(Verdict.UNREADABLE, List.of(), 0, List.of(new Finding(Severity.BLOCK, why)), Optional.empty());
    }
}
