package dev.runbook.action;

import dev.runbook.config.Environment;
import dev.runbook.config.Settings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * Everything an action may use while it runs: the environment and settings, the mode, the clients of the
 * backend (live, read-only guarded, or simulated), the clock, progress, the run folder, and facts earlier
 * steps recorded. Clients are created lazily by the backend, so {@code plan} never builds one.
 */
public interface ActionContext extends PreviewContext {
    Environment environment();

    Settings settings();

    Mode mode();

    ElastiCacheClient elastiCache();

    CloudWatchClient cloudWatch();

    /** Other services by type (the Terraform runner, the data-plane connector); empty when the backend has none. */
    <T> Optional<T> service(Class<T> type);

    TimeSource time();

    @Override
    default Instant now() {
        return time().now();
    }

    Progress progress();

    /** runs/&lt;run-id&gt;/, where a step may save files (a Terraform plan, benchmark output). */
    Path runDir();

    /**
     * An object that lives as long as the run (a downtime probe started by one step and stopped by a later
     * one): created by {@code create} the first time a type is asked for, the same instance afterwards.
     */
    <T> T shared(Class<T> type, Supplier<T> create);

    /** The newest value of a fact an earlier step of this run recorded (e.g. "snapshot-name"). */
    Optional<String> fact(String key);
}
