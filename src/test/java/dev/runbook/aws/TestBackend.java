package dev.runbook.aws;

import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * A {@link Backend} for tests of the run engine, resume and the TUI: the given mode and clock, an ElastiCache
 * client only when the test gives one (a test that reaches AWS otherwise fails loudly), no CloudWatch.
 */
public final class TestBackend implements Backend {
    private final Mode mode;
    private final TimeSource time;
    private final ElastiCacheClient elastiCache;

    public TestBackend(Mode mode, TimeSource time, ElastiCacheClient elastiCache) {
        this.mode = mode;
        this.time = time;
        this.elastiCache = elastiCache;
    }

    public TestBackend(Mode mode, TimeSource time) {
        this(mode, time, null);
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public ElastiCacheClient elastiCache() {
        if (elastiCache == null) {
            throw new IllegalStateException("this test gives no ElastiCache client");
        }
        return elastiCache;
    }

    @Override
    public CloudWatchClient cloudWatch() {
        throw new IllegalStateException("this test gives no CloudWatch client");
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
    public String identity() {
        return "test";
    }

    @Override
    public String describe() {
        return "test backend";
    }

    @Override
    public void close() {
    }
}
