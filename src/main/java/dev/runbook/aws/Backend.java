package dev.runbook.aws;

import dev.runbook.action.Mode;
import dev.runbook.action.TimeSource;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The clients a run's actions get: live SDK clients, the same behind a read-only guard (dry-run), or the
 * simulation (rehearsal). Clients are built on first use, never at start-up, so the first screen is fast.
 */
public interface Backend extends AutoCloseable {
    Mode mode();

    ElastiCacheClient elastiCache();

    CloudWatchClient cloudWatch();

    /** Other services by type: the Terraform runner, the data-plane connector. */
    <T> Optional<T> service(Class<T> type);

    TimeSource time();

    /** Who is acting, for the report: "arn:aws:sts::123:assumed-role/..." live, "rehearsal" in a rehearsal. */
    String identity();

    /** One line for the status bar and report: region and account, or "simulated, speed 60x". */
    String describe();

    /** A line the operator should see when the run starts or resumes (where a rehearsal's engines answer). */
    default Optional<String> notice() {
        return Optional.empty();
    }

    @Override
    void close();
}
