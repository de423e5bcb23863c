package dev.runbook.action.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.action.ActionException;
import dev.runbook.action.OrderedMaps;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code terraform version -json} says in a root directory: Terraform's version and the provider
 * versions selected there (by the lock file; empty before {@code terraform init}). The AWS provider must be
 * 5.73.0 or newer: older ones reject {@code engine = "valkey"}.
 */
public record TerraformVersion(String terraform, Map<String, String> providers) {
    /** The first AWS provider that accepts engine = "valkey". */
    public static final String MIN_AWS_PROVIDER = "5.73.0";
    /** -chdir and plan JSON format 1.x with replace_paths are there from 1.0 on (we test 1.x). */
    public static final String MIN_TERRAFORM = "1.0.0";

    public TerraformVersion {
        providers = OrderedMaps.copy(providers);
    }

    static TerraformVersion parse(String json) throws ActionException {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            JsonNode version = root == null ? null : root.get("terraform_version");
            if (version == null || !version.isTextual()) {
                throw new ActionException("terraform version -json printed no terraform_version: is this Terraform?");
            }
            Map<String, String> providers = new TreeMap<>();
            root.path("provider_selections").fields().forEachRemaining(e -> providers.put(e.getKey(), e.getValue().asText()));
            return new TerraformVersion(version.asText(), providers);
        } catch (JsonProcessingException e) {
            throw new ActionException("terraform version -json did not print JSON (" + e.getOriginalMessage()
                    + "): Terraform 1.0 or newer is needed");
        }
    }

    /** The selected hashicorp/aws provider's version, if the directory was initialised. */
    public Optional<String> awsProvider() {
        return providers.entrySet().stream().filter(e -> e.getKey().endsWith("hashicorp/aws"))
                .map(Map.Entry::getValue).findFirst();
    }

    /** Compares dotted versions numerically (5.9.0 &lt; 5.73.0); a pre-release suffix is ignored. */
    public static int compare(String a, String b) {
        String[] x = a.split("[-+]")[0].split("\\.");
        String[] y = b.split("[-+]")[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
