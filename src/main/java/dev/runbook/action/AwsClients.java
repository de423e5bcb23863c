package dev.runbook.action;

import dev.runbook.action.ActionContext;
import dev.runbook.action.ActionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The context's clients for an action, with building failures (no region, a broken profile) turned into the
 * operator's sentence: the backend builds clients on first use, so that first use is where they surface.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static ElastiCacheClient elastiCache(ActionContext ctx) throws ActionException {
        try {
            return ctx.elastiCache();
        } catch (SdkException e) {
            throw AwsErrors.translate("connect to ElastiCache", ctx.environment().replicationGroupId(), e);
        }
    }

    public static CloudWatchClient cloudWatch(ActionContext ctx) throws ActionException {
        try {
            return ctx.cloudWatch();
        } catch (SdkException e) {
            throw AwsErrors.translate("connect to CloudWatch", ctx.environment().replicationGroupId(), e);
        }
    }
}
