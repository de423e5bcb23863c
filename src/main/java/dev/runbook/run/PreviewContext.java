package dev.runbook.run;

import dev.runbook.action.ActionContext;
import dev.runbook.action.Mode;
import dev.runbook.action.Progress;
import dev.runbook.action.TimeSource;
import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The context {@code plan} and {@code validate} preview with: the environment and settings only. It has no
 * clients, so a preview that tried to call AWS fails loudly instead of reaching the network.
 */
public record PreviewContext(Environment environment, Settings settings, Mode mode) implements ActionContext {
    @Override
    public ElastiCacheClient elastiCache() {
        throw new IllegalStateException("previews build no AWS client");
    }

    @Override
    public CloudWatchClient cloudWatch() {
        throw new IllegalStateException("previews build no AWS client");
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public TimeSource time() {
        return TimeSource.SYSTEM;
    }

    @Override
    public Progress progress() {
        return Progress.NONE;
    }

    @Override
    public Path runDir() {
        return Path.of(settings.runsDir(), "plan");
    }

    @Override
    public <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
        throw new IllegalStateException("previews hold no run state");
    }

    @Override
    public Optional<String> fact(String key) {
        return Optional.empty();
    }
}
