package dev.runbook.aws;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Where a dry run or live run goes: the region resolved before the run starts (the settings or
 * {@code --region}, else the SDK's chain: {@code AWS_REGION}, the profile, the instance) with where it came
 * from, and the endpoint override the SDK will use, if any. Shown at the start, recorded in the run-started
 * facts, and compared on resume, so a run never moves to another region without a word.
 */
public record AwsLocation(String region, String regionSource, String endpointOverride) {
    /** The facts a run records; resume reads {@code region} back. */
    public static final String REGION = "region";
    public static final String REGION_SOURCE = "region-source";
    public static final String ENDPOINT_OVERRIDE = "endpoint-override";

    /** {@code configured}: --region or aws.region ("" = let the SDK decide); {@code profile} may be "". */
    public static AwsLocation resolve(String configured, String profile) {
        String override = overrideNow().orElse("none");
        if (configured != null && !configured.isBlank()) {
            return new AwsLocation(configured, "--region or aws.region", override);
        }
        String fromEnv = firstSet(System.getProperty("aws.region"), System.getenv("AWS_REGION"));
        if (fromEnv != null) {
            return new AwsLocation(fromEnv, "AWS_REGION", override);
        }
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            if (profile != null && !profile.isBlank()) {
                chain.profileName(profile);
            }
            return new AwsLocation(chain.build().getRegion().id(), "the AWS profile or instance", override);
        } catch (SdkClientException e) {
            return new AwsLocation("", "none found", override);
        }
    }

    /** The override the SDK applies to ElastiCache: its own variable first, then the general one. */
    static Optional<String> overrideNow() {
        return Optional.ofNullable(firstSet(System.getProperty("aws.endpointUrlElastiCache"),
                System.getenv("AWS_ENDPOINT_URL_ELASTICACHE"), System.getProperty("aws.endpointUrl"),
                System.getenv("AWS_ENDPOINT_URL")));
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    /** One line for the screen: {@code region ap-northeast-2 (from AWS_REGION) · endpoint override: none}. */
    public String describe() {
        return "region " + (region.isEmpty() ? "none (set runbook.aws.region or AWS_REGION)" : region)
                + " (from " + regionSource + ") · endpoint override: " + endpointOverride;
    }
}
