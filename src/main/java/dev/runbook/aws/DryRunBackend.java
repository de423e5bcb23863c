package dev.runbook.aws;

import dev.runbook.action.Mode;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Real AWS, read-only: the live clients behind a {@link ReadOnlyGuard}, so Describe*, List* and Get* run for
 * real and every other operation is refused at the client layer ("would send: ..."), whatever an action does.
 */
public final class DryRunBackend extends LiveBackend {
    private final ElastiCacheClient elastiCache = ReadOnlyGuard.wrap(ElastiCacheClient.class, super::elastiCache);
    private final CloudWatchClient cloudWatch = ReadOnlyGuard.wrap(CloudWatchClient.class, super::cloudWatch);
    private final StsClient sts = ReadOnlyGuard.wrap(StsClient.class, super::sts);

    public DryRunBackend(String region, String profile) {
        super(region, profile);
    }

    @Override
    public Mode mode() {
        return Mode.DRY_RUN;
    }

    @Override
    public ElastiCacheClient elastiCache() {
        return elastiCache;
    }

    @Override
    public CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public StsClient sts() {
        return sts;
    }

    @Override
    public String describe() {
        return super.describe() + ", read-only (dry run)";
    }
}
