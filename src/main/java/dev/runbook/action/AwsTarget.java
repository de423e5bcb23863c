package dev.runbook.action;

import dev.runbook.config.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.regions.Region;

/**
 * Where a live or dry run goes, checked before any AWS call so that a typo is an input error naming it rather
 * than an HTTP 500, "credentials missing", or a timeout: the region must be one the SDK's region metadata knows,
 * a named profile must exist in the AWS config or credentials file, and an endpoint override
 * ({@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}) is named whenever it cannot be reached.
 */
public final class AwsTarget {
    private static final List<String> SERVICES = List.of("STS", "ELASTICACHE", "CLOUDWATCH");

    private AwsTarget() {
    }

    /**
     * Refuses a region the SDK does not know and a profile that is not in the profile files.
     *
     * @param region empty: the SDK's chain ({@code AWS_REGION}, the profile), whose answer is checked too when
     *               it comes from {@code AWS_REGION}
     */
    public static void check(String region, String profile) {
        String r = region == null ? "" : region.trim();
        String from = "--region / runbook.aws.region";
        if (r.isEmpty() && System.getenv("AWS_REGION") != null) {
            r = System.getenv("AWS_REGION").trim();
            from = "AWS_REGION";
        }
        // a local AWS-compatible endpoint may name its regions as it likes
        if (!r.isEmpty() && overrides().isEmpty() && !Region.regions().contains(Region.of(r))) {
            throw new InvalidInputException("region '" + r + "' (" + from + ") is not an AWS region: check the name,"
                    + " e.g. " + suggestions(r));
        }
        if (profile != null && !profile.isBlank()) {
            ProfileFile files = ProfileFile.defaultProfileFile();
            if (files.profile(profile).isEmpty()) {
                TreeSet<String> known = new TreeSet<>(files.profiles().keySet());
                throw new InvalidInputException("AWS profile '" + profile + "' does not exist in "
                        + ProfileFileLocation.configurationFilePath() + " or "
                        + ProfileFileLocation.credentialsFilePath()
                        + (known.isEmpty() ? " (no profiles there)" : " (known: " + String.join(", ", known) + ")")
                        + ": check --profile / runbook.aws.profile, or aws configure --profile " + profile);
            }
        }
    }

    /** The endpoint overrides in effect, e.g. {@code AWS_ENDPOINT_URL → http://127.0.0.1:1}, in the SDK's order. */
    public static Map<String, String> overrides() {
        Map<String, String> found = new LinkedHashMap<>();
        for (String service : SERVICES) {
            put(found, "AWS_ENDPOINT_URL_" + service, System.getenv("AWS_ENDPOINT_URL_" + service));
        }
        put(found, "AWS_ENDPOINT_URL", System.getenv("AWS_ENDPOINT_URL"));
        put(found, "aws.endpointUrl", System.getProperty("aws.endpointUrl"));
        return found;
    }

    /** "the endpoint override http://127.0.0.1:1 (AWS_ENDPOINT_URL)", or null when AWS's own endpoints are used. */
    static String describeOverrides() {
        Map<String, String> o = overrides();
        if (o.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        o.forEach((name, url) -> parts.add(url + " (" + name + ")"));
        return "the endpoint override " + String.join(", ", parts);
    }

    private static void put(Map<String, String> m, String name, String value) {
        if (value != null && !value.isBlank()) {
            m.put(name, value.trim());
        }
    }

    private static String suggestions(String r) {
        String prefix = r.length() >= 2 ? r.substring(0, 2).toLowerCase(Locale.ROOT) : "";
        List<String> close = Region.regions().stream().map(Region::id)
                .filter(id -> id.startsWith(prefix) && !id.contains("global")).sorted().limit(4).toList();
        return String.join(", ", close.isEmpty() ? List.of("ap-northeast-2", "us-east-1") : close);
    }
}
