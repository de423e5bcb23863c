package dev.runbook.action.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Whether the team's Terraform code agrees with the replication group as it is after the migration, read from
 * {@code terraform show -json} of a plain {@code terraform plan}: the code agrees only when the plan leaves the
 * group unchanged. Otherwise the next {@code terraform apply} by anyone (weeks later, for something else) would
 * change the group back; DOMAIN: valkey → redis and an engine_version downgrade are ForceNew, so it would
 * REPLACE the group and lose its data. Says which attributes differ and the value each must be set to in the
 * code (the group's, as Terraform refreshed it). Pure: no process, no network.
 */
public final class CodeAgreement {
    /** The attributes the code must state as the migration left them, in the order an operator reads them. */
    static final List<String> ATTRIBUTES = List.of("engine", "engine_version", "parameter_group_name",
            "num_cache_clusters", "automatic_failover_enabled", "multi_az_enabled", "transit_encryption_enabled",
            "transit_encryption_mode", "at_rest_encryption_enabled", "node_type");
    /** Arguments that are not the group's state: a difference in them alone changes nothing. */
    private static final Set<String> NOT_STATE = Set.of("apply_immediately");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answers: the code agrees, it differs (an in-place update), it would replace the group, unreadable. */
    public enum Verdict {
        AGREES, DIFFERS, REPLACES, UNREADABLE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One attribute where the code and the group disagree: what the code says, what to set it to. */
    public record Difference(String attribute, String code, String group) {
        /** {@code engine = "valkey"}: the value to write in the code (HCL literal). */
        public String setting() {
            return attribute + " = " + group;
        }
    }

    /**
     * The verdict.
     *
     * @param differences attribute by attribute, known ones first in {@link #ATTRIBUTES} order
     * @param forcedBy    for REPLACES: the attributes Terraform says force the replacement
     * @param why         for UNREADABLE: what was wrong with the plan
     */
    public record Result(Verdict verdict, String group, List<Difference> differences, String forcedBy, String why) {
        public Result {
            differences = List.copyOf(differences);
        }

        /** {@code engine = "valkey", engine_version = "8.0"}: every value to set in the code. */
        public String settings() {
            return String.join(", ", differences.stream().map(Difference::setting).toList());
        }

        /** One sentence for the operator and the report. */
        public String line() {
            return switch (verdict) {
                case AGREES -> "The Terraform code agrees with " + group + ": terraform plan leaves it unchanged";
                case DIFFERS -> "The Terraform code disagrees with " + group + " on " + attributes()
                        + ": the next terraform apply would change the group back. Set in the code: " + settings();
                case REPLACES -> "DATA LOSS TRAP: the next terraform apply would REPLACE " + group + " (forced by "
                        + forcedBy + "): Terraform deletes the group and its data, then creates an empty one. Do not"
                        + " apply anything in this Terraform root until the code says: " + settings();
                case UNREADABLE -> "The Terraform plan could not be read (" + why + "): the code was not checked";
            };
        }

        private String attributes() {
            return String.join(", ", differences.stream().map(Difference::attribute).toList());
        }
    }

    private CodeAgreement() {
    }

    /** Analyses {@code terraform show -json PLANFILE} of a plain plan for the replication group {@code groupId}. */
    public static Result analyze(String json, String groupId) {
        PlanAnalysis.Result parsed = PlanAnalysis.analyze(json,
                new PlanExpectations(false, groupId, null, null, null, null, Instant.EPOCH));
        if (parsed.verdict() == PlanAnalysis.Verdict.UNREADABLE) {
            return new Result(Verdict.UNREADABLE, groupId, List.of(), null, parsed.findings().get(0).text());
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new Result(Verdict.UNREADABLE, groupId, List.of(), null, e.getOriginalMessage());
        }
        boolean seen = false;
        for (JsonNode rc : root.path("resource_changes")) {
            if (!rc.path("type").asText().equals(PlanAnalysis.REPLICATION_GROUP)) {
                continue;
            }
            JsonNode change = rc.path("change");
            JsonNode before = change.path("before");
            JsonNode after = change.path("after");
            String id = Objects.requireNonNullElse(ReplicationGroupChecks.text(before, "replication_group_id"),
                    ReplicationGroupChecks.text(after, "replication_group_id"));
            if (groupId != null && id != null && !groupId.equals(id)) {
                continue;
            }
            seen = true;
            List<String> actions = new ArrayList<>();
            change.path("actions").forEach(a -> actions.add(a.asText()));
            List<Difference> differences = differences(before, after);
            if (actions.contains("delete")) {
                return new Result(Verdict.REPLACES, groupId, differences, ReplicationGroupChecks.replacePaths(change), null);
            }
            if (actions.contains("update") && !differences.isEmpty()) {
                return new Result(Verdict.DIFFERS, groupId, differences, null, null);
            }
            if (actions.contains("create")) {
                return new Result(Verdict.DIFFERS, groupId, List.of(), null, null);
            }
        }
        if (!seen) {
            return new Result(Verdict.UNREADABLE, groupId, List.of(), null, "the plan has no "
                    + PlanAnalysis.REPLICATION_GROUP + " for " + groupId + ": is this the Terraform root that manages it?");
        }
        return new Result(Verdict.AGREES, groupId, List.of(), null, null);
    }

    /** Every attribute the code (after) states differently from the group (before), known ones first. */
    static List<Difference> differences(JsonNode before, JsonNode after) {
        List<String> names = new ArrayList<>(ATTRIBUTES);
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!names.contains(field)) {
                names.add(field);
            }
        }
        List<Difference> out = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before.path(name);
            JsonNode will = after.path(name);
            if (NOT_STATE.contains(name) || !after.has(name) || literal(was).equals(literal(will))) {
                continue;
            }
            out.add(new Difference(name, literal(will), literal(was)));
        }
        return out;
    }

    /** A JSON value as an HCL literal: "valkey", 2, true, null. */
    private static String literal(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "null" : v.toString();
    }
}
